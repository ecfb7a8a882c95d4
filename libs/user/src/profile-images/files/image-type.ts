/** The image formats a profile image may have, recognised by their first bytes. */
export interface ImageType {
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  extension: 'png' | 'jpg' | 'gif' | 'webp';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(data: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((byte, index) => data[offset + index] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((character) => character.charCodeAt(0));
}

/**
 * The type the bytes really have (magic numbers), or null. The client's Content-Type and file
 * name are never trusted: a script named avatar.png is refused.
 */
export function sniffImageType(data: Uint8Array): ImageType | null {
  if (startsWith(data, PNG_SIGNATURE)) return { contentType: 'image/png', extension: 'png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a')))
    return { contentType: 'image/gif', extension: 'gif' };
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8))
    return { contentType: 'image/webp', extension: 'webp' };
  return null;
}

const CONTENT_TYPES: Record<string, ImageType['contentType']> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Ids the library gives stored images: a UUID v7 and the sniffed type's extension. */
export const PROFILE_IMAGE_ID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|gif|webp)$/;

/** The content type an image id stands for (its extension), or null for a foreign id. */
export function contentTypeOfImageId(id: string): ImageType['contentType'] | null {
  const match = PROFILE_IMAGE_ID_PATTERN.exec(id);
  return match ? CONTENT_TYPES[match[1]] : null;
}

/** The most a profile image may weigh. */
export const PROFILE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
