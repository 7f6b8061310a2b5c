import 'server-only';

// Route handlers, unlike server actions, have no body limit of their own: `request.formData()`
// would read whatever a client sends into memory. These read at most `maxBytes`, and refuse a
// larger body as soon as its Content-Length says so or its bytes pass the limit.

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes.`);
  }
}

export class UnreadableBodyError extends Error {}

/** The body's bytes, at most `maxBytes`; throws BodyTooLargeError past that. */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A multipart or urlencoded form of at most `maxBytes`; UnreadableBodyError when it is not one. */
export async function readFormWithin(request: Request, maxBytes: number): Promise<FormData> {
  const bytes = await readBodyWithin(request, maxBytes);
  const type = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) throw new UnreadableBodyError('Not a form.');
  try {
    return await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new UnreadableBodyError('The form could not be parsed.');
  }
}
