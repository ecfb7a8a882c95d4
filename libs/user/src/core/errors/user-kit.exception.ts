import { HttpException, HttpStatus } from '@nestjs/common';
import { UserErrors, type UserErrorCode } from './error-codes.js';

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** An HTTP error of the catalogue, in Nest's shape plus a stable `code`. */
export class UserKitException extends HttpException {
  /** Sent as the Retry-After header (429/503), when the wait is known. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: UserErrorCode,
    message?: string | string[],
    options: { retryAfterSeconds?: number } = {},
  ) {
    const entry = UserErrors[code];
    const status: number = entry.status;
    super(
      {
        statusCode: status,
        error: REASON_PHRASES[status] ?? HttpStatus[status],
        message: message ?? entry.message,
        code,
      },
      status,
    );
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
