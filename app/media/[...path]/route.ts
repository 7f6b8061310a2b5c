import { readStoredImage } from '@/lib/media/uploads';

// Uploaded product images. Names are random and never reused, so a copy can be kept for a year.
const SAFETY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const image = await readStoredImage((await params).path);
  if (!image) {
    return new Response('Not found', { status: 404, headers: { ...SAFETY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(new Blob([image.bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      ...SAFETY_HEADERS,
      'Content-Type': image.mime,
      'Content-Length': String(image.bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
