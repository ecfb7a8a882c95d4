import { UserKitException } from '../errors/user-kit.exception.js';

export interface UserCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: the last row's sort key, base64url-encoded. */
export function encodeUserCursor(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodeUserCursor(text: string): UserCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string'
    ) {
      const createdAt = new Date(decoded[0]);
      if (!Number.isNaN(createdAt.getTime()) && decoded[1].length > 0 && decoded[1].length <= 36) {
        return { createdAt, id: decoded[1] };
      }
    }
  } catch {
    // fall through: not base64url JSON
  }
  throw new UserKitException('INVALID_CURSOR');
}
