/**
 * HTTP requests from a chosen loopback source address (Linux routes all of 127.0.0.0/8 to lo), so
 * specs can be "different clients" to the server for real, with whatever headers they like.
 * Also the encoding React's client uses to call a server action.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const base = () => new URL(process.env.BASE_URL!);

export function rawRequest(
  method: string,
  urlPath: string,
  { from = '127.0.0.1', headers = {}, body }: { from?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base().hostname,
        port: base().port,
        path: urlPath,
        method,
        localAddress: from,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may answer (e.g. 413) before the body is sent and close: that is the answer.
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart body and its content type, as a browser's FormData would send it. */
export async function multipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const req = new Request('http://local/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

type ManifestAction = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** The id of a server action (`components/...ts#name`) in the production build. */
export function actionId(key: string): string {
  const distDir = path.resolve(process.env.NEXT_DIST_DIR ?? '.next');
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'server/server-reference-manifest.json'), 'utf8')) as { node: Record<string, ManifestAction> };
  const found = Object.entries(manifest.node).find(([, a]) => `${a.filename}#${a.exportedName}` === key);
  if (!found) throw new Error(`No server action ${key} in the build`);
  return found[0];
}

/** Calls a form action `(previousState, formData)` the way React's client does. */
export async function postFormAction(
  key: string,
  page: string,
  fields: Record<string, string | Blob>,
  options: { from?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append('0', JSON.stringify([null, '$K1']));
  const { body, contentType } = await multipart(form);
  return rawRequest('POST', page, {
    from: options.from,
    body,
    headers: { 'Next-Action': actionId(key), Accept: 'text/x-component', 'Content-Type': contentType, Origin: base().origin, ...options.headers },
  });
}
