// The store's HTTP server (`npm start`, `npm run dev`): Next.js, with two things done for every
// request before Next.js sees it (three, counting a 413 for oversized server action calls). It records the client's address in a private header, from the
// socket (or TRUSTED_PROXY_HOPS proxies' X-Forwarded-For), replacing anything a client sent under
// that name; and it sets the security headers. See docs/deploy.md.
//
//   node server.mjs start [-p port] [-H hostname]    production build (after `next build`)
//   node server.mjs dev   [-p port] [-H hostname]    development, with hot reload
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { isOversizedActionCall } from './lib/security/body-limits.mjs';
import { stampClientAddress, trustedProxyHops } from './lib/security/client-address-stamp.mjs';
import { securityHeaders } from './lib/security/security-headers.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});
const mode = positionals[0];
if (mode !== 'dev' && mode !== 'start') {
  console.error('usage: node server.mjs dev|start [-p port] [-H hostname]');
  process.exit(2);
}
const dev = mode === 'dev';
// As `next start` / `next dev` do; Next.js reads it when it loads.
process.env.NODE_ENV = dev ? 'development' : 'production';
const dir = fileURLToPath(new URL('.', import.meta.url));
// The .env files, as Next.js loads them, before the settings below are read (Next.js loads them
// only when it is imported).
nextEnv.loadEnvConfig(dir, dev);

let hops;
try {
  hops = trustedProxyHops();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const port = Number(values.port ?? process.env.PORT ?? 3000);
// `-p` too: the default APP_URL (lib/site.ts) is built from PORT.
process.env.PORT = String(port);
const hostname = values.hostname;
const headers = Object.entries(securityHeaders());

/** Whether the path (not the query) percent-decodes: `/orders/%ff` does not. */
function hasDecodablePath(url = '/') {
  try {
    decodeURIComponent(url.split(/[?#]/, 1)[0]);
    return true;
  } catch {
    return false;
  }
}

const { default: next } = await import('next');
const server = createServer((req, res) => {
  stampClientAddress(req, hops);
  for (const [name, value] of headers) res.setHeader(name, value);
  if (!hasDecodablePath(req.url)) {
    // Next.js would try to render its /400 page for this and answer 500 instead.
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the address has an invalid %-escape.');
    return;
  }
  if (isOversizedActionCall(req)) {
    res
      .writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      .end('The request is too large (server actions take at most 1 MB).');
    return;
  }
  handle(req, res);
});
const app = next({ dev, dir, port, hostname: hostname ?? 'localhost', httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.listen(port, hostname, () => {
  const proxies = hops === 0 ? 'client address from the socket' : `client address from X-Forwarded-For, ${hops} trusted prox${hops === 1 ? 'y' : 'ies'}`;
  console.log(`> Ready on http://${hostname ?? 'localhost'}:${port} (${dev ? 'development' : 'production'}; ${proxies})`);
});

// Code running in this process (the email worker) registers what must finish before it exits.
const shutdownHooks = (globalThis.__inboundShutdownHooks ??= []);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    const closed = new Promise((resolve) => server.close(resolve));
    Promise.allSettled([closed, ...shutdownHooks.map((hook) => hook())]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 8000).unref();
  });
}
