/**
 * Recognises the image formats the store accepts by their first bytes (magic numbers), never by
 * a file name or a browser-sent MIME type, which anyone can set. Pure: no I/O.
 */
/** Largest image accepted, in bytes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_TOO_LARGE = 'The image must be 2 MB or smaller.';
export const IMAGE_WRONG_TYPE = 'Upload a PNG, JPEG, WebP or AVIF image.';

export type ImageExtension = 'png' | 'jpg' | 'webp' | 'avif';
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/avif';

export const IMAGE_MIME: Record<ImageExtension, ImageMime> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** What the file picker offers; the server decides by the bytes. */
export const IMAGE_ACCEPT = Object.values(IMAGE_MIME).join(',');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  if (bytes.length < start + length) return '';
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function isPng(b: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => b[i] === byte) && ascii(b, 12, 4) === 'IHDR';
}

function isJpeg(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function isWebp(b: Uint8Array): boolean {
  return ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' && ['VP8 ', 'VP8L', 'VP8X'].includes(ascii(b, 12, 4));
}

/** An ISO-BMFF `ftyp` box whose major or compatible brands name AVIF. */
function isAvif(b: Uint8Array): boolean {
  if (ascii(b, 4, 4) !== 'ftyp') return false;
  const boxSize = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (boxSize < 16 || boxSize > b.length || boxSize % 4 !== 0) return false;
  const brands = [ascii(b, 8, 4)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(b, offset, 4));
  return brands.some((brand) => brand === 'avif' || brand === 'avis');
}

/** The image type the bytes start with, or null when they are not an accepted image. */
export function sniffImageType(bytes: Uint8Array): ImageExtension | null {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpg';
  if (isWebp(bytes)) return 'webp';
  if (isAvif(bytes)) return 'avif';
  return null;
}
