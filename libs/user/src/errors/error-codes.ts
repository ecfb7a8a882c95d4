import { HttpStatus } from '@nestjs/common';

/** The catalogue of errors the library answers with: a stable code, its status and message. */
export const UserErrors = {
  EMAIL_TAKEN: { status: HttpStatus.CONFLICT, message: 'This email address is already taken' },
  INVALID_CREDENTIALS: { status: HttpStatus.UNAUTHORIZED, message: 'Invalid email or password' },
  INVALID_REFRESH_TOKEN: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Invalid or expired refresh token',
  },
  REFRESH_TOKEN_REUSED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Refresh token was already used; the session has been revoked',
  },
  NOT_SIGNED_IN: { status: HttpStatus.UNAUTHORIZED, message: 'Not signed in' },
  SESSION_REVOKED: { status: HttpStatus.UNAUTHORIZED, message: 'Session expired or revoked' },
  FORBIDDEN_ROLE: { status: HttpStatus.FORBIDDEN, message: 'You do not have the role this needs' },
  WEAK_PASSWORD: { status: HttpStatus.BAD_REQUEST, message: 'Password is too weak' },
  ANONYMOUS_SIGNUP_DISABLED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Anonymous sign-up is disabled',
  },
  NOT_ANONYMOUS: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Only an anonymous user can be upgraded',
  },
  USER_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'User not found' },
  ROLE_NOT_FOUND: { status: HttpStatus.BAD_REQUEST, message: 'Unknown role' },
  ROLE_TAKEN: { status: HttpStatus.CONFLICT, message: 'A role with this name already exists' },
  LAST_ADMIN: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The last admin cannot lose the admin role',
  },
  INVALID_CURSOR: { status: HttpStatus.BAD_REQUEST, message: 'cursor is not valid' },
  SERVER_BUSY: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Too many sign-ins are being processed; try again shortly',
  },
  SIGN_IN_BACKOFF: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Too many failed sign-ins for this account; try again later',
  },
  PASSWORD_SIGN_IN_DISABLED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message:
      'Password sign-in is disabled for this account after too many failures; reset the password',
  },
  STORE_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'The user store is unavailable; try again shortly',
  },
  PROFILE_IMAGE_MISSING: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Send the image as the multipart field "file"',
  },
  PROFILE_IMAGE_UNSUPPORTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The file must be a PNG, JPEG, GIF or WebP image',
  },
  PROFILE_IMAGE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Image not found' },
} as const;

export type UserErrorCode = keyof typeof UserErrors;
