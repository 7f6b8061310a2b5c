// Standalone server processes (npm run worker) run outside Next.js without the react-server
// condition, because React Email renders with react-dom/server, which that condition removes. Their
// modules still say `import 'server-only'`; this resolves it to an empty module, as Next.js does on
// the server.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
