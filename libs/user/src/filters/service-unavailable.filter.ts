import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import {
  ConnectionException,
  DeadlockException,
  LockWaitTimeoutException,
  ReadOnlyException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { UserKitException } from '../errors/user-kit.exception.js';

const RETRY_AFTER_SECONDS: Record<string, number> = {
  SERVER_BUSY: 1,
  RATE_LIMITED: 1,
  STORE_UNAVAILABLE: 5,
};

/** Connection-level failures of a database that comes back by itself: worth a retry, not a 500. */
const TRANSIENT_MESSAGE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection.*(closed|ended|timeout)|terminating connection|database is locked|SQLITE_BUSY|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|max retries per request|Connection is closed/i;

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException) return false;
  if (
    error instanceof ConnectionException ||
    error instanceof LockWaitTimeoutException ||
    error instanceof DeadlockException ||
    error instanceof ReadOnlyException
  ) {
    return true;
  }
  // Duck-typed: socket errors are made by Node's core, possibly in another realm than this code.
  if (typeof error !== 'object' || error === null || !('message' in error)) return false;
  const { message, code } = error as { message: unknown; code?: unknown };
  return TRANSIENT_MESSAGE.test(`${String(message)} ${typeof code === 'string' ? code : ''}`);
}

/**
 * Registered by UserModule: a database that is down or locked answers 503 with Retry-After (the
 * request wrote nothing: every multi-row change is one transaction), the library's 503/429 errors
 * carry Retry-After, and an oversized body gets Nest's error shape. Everything else goes to Nest's
 * own handling, unchanged.
 */
@Catch()
export class ServiceUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('UserKit');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const response = host.switchToHttp().getResponse();
    const retryAfter =
      exception instanceof UserKitException
        ? (exception.retryAfterSeconds ?? RETRY_AFTER_SECONDS[exception.code])
        : undefined;
    if (retryAfter) {
      response.setHeader('Retry-After', String(retryAfter));
      return super.catch(exception, host);
    }
    if (isStoreUnavailable(exception)) {
      this.logger.warn(`Store (database or Redis) unavailable: ${(exception as Error).message}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS.STORE_UNAVAILABLE));
      return super.catch(new UserKitException('STORE_UNAVAILABLE'), host);
    }
    // Express's body parser fails before any route: Nest hands it over as a bare 413.
    if (
      exception instanceof HttpException &&
      exception.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE
    ) {
      return super.catch(
        new PayloadTooLargeException('Request body is larger than the limit'),
        host,
      );
    }
    return super.catch(exception, host);
  }
}
