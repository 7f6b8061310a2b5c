/** Stripe's events are a few kilobytes; anything near this is not one. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * The request body as text, or null once it passes `maxBytes`: the declared Content-Length is
 * checked first, then the stream is read with a running count (a chunked body declares none),
 * so an oversized body is never held in memory whole.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
