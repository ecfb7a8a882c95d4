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
  constructor(
    readonly code: UserErrorCode,
    message?: string | string[],
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
  }
}
