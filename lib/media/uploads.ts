import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_MIME, IMAGE_TOO_LARGE, IMAGE_WRONG_TYPE, MAX_IMAGE_BYTES, sniffImageType, type ImageExtension, type ImageMime } from './image-type';

/** Uploaded files are served by app/media/[...path]/route.ts under this prefix. */
export const MEDIA_URL_PREFIX = '/media/';

const IMAGE_EMPTY = 'That image file is empty.';

/** Stored names are ours alone: 32 random hex digits and the extension the bytes showed. */
const STORED_NAME = /^[0-9a-f]{32}\.(png|jpg|webp|avif)$/;

export class ImageUploadError extends Error {
  constructor(
    readonly code: 'empty' | 'too_large' | 'unsupported_type',
    message: string,
  ) {
    super(message);
  }
}

export function uploadDir(): string {
  // Chosen at run time, outside the build: keep the bundler from tracing it (turbopackIgnore).
  return path.resolve(/* turbopackIgnore: true */ process.env.UPLOAD_DIR ?? '.data/uploads');
}

/** Only ever called with a name that passed STORED_NAME or that we generated. */
function storedFile(name: string): string {
  return path.join(/* turbopackIgnore: true */ uploadDir(), name);
}

export interface StoredImage {
  /** What products.imagePath holds: `/media/<file>`. */
  path: string;
  mime: ImageMime;
}

/** Reads an uploaded file and checks it is an accepted image; throws ImageUploadError if not. */
export async function readImage(file: Blob): Promise<{ bytes: Uint8Array; extension: ImageExtension }> {
  if (file.size === 0) throw new ImageUploadError('empty', IMAGE_EMPTY);
  if (file.size > MAX_IMAGE_BYTES) throw new ImageUploadError('too_large', IMAGE_TOO_LARGE);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageUploadError('too_large', IMAGE_TOO_LARGE);
  const extension = sniffImageType(bytes);
  if (!extension) throw new ImageUploadError('unsupported_type', IMAGE_WRONG_TYPE);
  return { bytes, extension };
}

/**
 * Checks and stores an uploaded image under a new random name. The name and the extension come
 * from us (the extension from the bytes), so nothing the client sent reaches the file system.
 */
export async function storeImage(file: Blob): Promise<StoredImage> {
  const { bytes, extension } = await readImage(file);
  const name = `${randomBytes(16).toString('hex')}.${extension}`;
  await mkdir(/* turbopackIgnore: true */ uploadDir(), { recursive: true });
  await writeFile(/* turbopackIgnore: true */ storedFile(name), bytes, { flag: 'wx', mode: 0o644 });
  return { path: `${MEDIA_URL_PREFIX}${name}`, mime: IMAGE_MIME[extension] };
}

/** The stored file name a `/media/...` path (or its segments) refers to, or null if it is not one of ours. */
export function storedName(mediaPath: string | readonly string[]): string | null {
  const segments = typeof mediaPath === 'string' ? (mediaPath.startsWith(MEDIA_URL_PREFIX) ? [mediaPath.slice(MEDIA_URL_PREFIX.length)] : []) : mediaPath;
  if (segments.length !== 1) return null;
  const name = segments[0]!;
  return STORED_NAME.test(name) ? name : null;
}

/** Removes a stored image (after a failed save); paths that are not ours are left alone. */
export async function discardImage(image: StoredImage | null): Promise<void> {
  const name = image && storedName(image.path);
  if (name) await rm(/* turbopackIgnore: true */ storedFile(name), { force: true });
}

/**
 * A stored image for serving, or null. The name must be one we generate (so no path can leave
 * the upload folder) and the bytes must still be an accepted image, whose type is what we send.
 */
export async function readStoredImage(segments: readonly string[]): Promise<{ bytes: Uint8Array; mime: ImageMime } | null> {
  const name = storedName(segments);
  if (!name) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(/* turbopackIgnore: true */ storedFile(name));
  } catch {
    return null;
  }
  const extension = sniffImageType(bytes);
  if (!extension || bytes.length > MAX_IMAGE_BYTES || !name.endsWith(`.${extension}`)) return null;
  return { bytes, mime: IMAGE_MIME[extension] };
}
