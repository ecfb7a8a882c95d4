import { UserKitException } from '../errors/user-kit.exception.js';

export type UserSortField = 'createdAt' | 'email';
export type SortOrder = 'asc' | 'desc';

/** The last row's sort key (an ISO time or a normalized email) and id. */
export interface UserSortCursor {
  key: string;
  id: string;
}

/** Opaque to clients; names its sort, so a cursor is refused under another sort. */
export function encodeSortCursor(
  field: UserSortField,
  order: SortOrder,
  cursor: UserSortCursor,
): string {
  return Buffer.from(JSON.stringify([`${field}:${order}`, cursor.key, cursor.id])).toString(
    'base64url',
  );
}

export function decodeSortCursor(
  field: UserSortField,
  order: SortOrder,
  text: string,
): UserSortCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 3 &&
      decoded[0] === `${field}:${order}` &&
      typeof decoded[1] === 'string' &&
      typeof decoded[2] === 'string' &&
      decoded[1].length <= 320 &&
      decoded[2].length > 0 &&
      decoded[2].length <= 36 &&
      (field !== 'createdAt' || !Number.isNaN(new Date(decoded[1]).getTime()))
    ) {
      return { key: decoded[1], id: decoded[2] };
    }
  } catch {
    // fall through: not base64url JSON
  }
  throw new UserKitException('INVALID_CURSOR');
}
