import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  BadRequestException,
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
import { logValue } from '../messages/log-value.js';

const RETRY_AFTER_SECONDS: Record<string, number> = {
  SERVER_BUSY: 1,
  RATE_LIMITED: 1,
  STORE_UNAVAILABLE: 5,
  LEGACY_STORE_UNAVAILABLE: 5,
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
 * For guards that also run on host routes (global guards): a store outage becomes the library's
 * 503 with Retry-After, which any filter of the host renders, instead of a bare 500.
 */
export function rethrowStoreUnavailable(
  error: unknown,
  response: { setHeader(name: string, value: string): unknown },
): never {
  if (!isStoreUnavailable(error)) throw error;
  response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS.STORE_UNAVAILABLE));
  throw new UserKitException('STORE_UNAVAILABLE');
}

/**
 * On each of UserModule's controllers (`@UseFilters`), never app-wide, so a host's own errors
 * reach the host's filters untouched: a database that is down or locked answers 503 with
 * Retry-After (the request wrote nothing: every multi-row change is one transaction), the
 * library's 503/429 errors carry Retry-After, and a body the parser refuses (too large, not JSON)
 * gets a code.
 * Everything else goes to Nest's own handling, unchanged. A host may register it app-wide too
 * (`app.useGlobalFilters(new ServiceUnavailableFilter(app.get(HttpAdapterHost).httpAdapter))`).
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
      this.logger.warn(`Store (database or Redis) unavailable: ${logValue(exception)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS.STORE_UNAVAILABLE));
      return super.catch(new UserKitException('STORE_UNAVAILABLE'), host);
    }
    // Multer (and, when registered app-wide, Express's body parser) reports a bare 413.
    if (
      exception instanceof HttpException &&
      exception.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE
    ) {
      return super.catch(new UserKitException('PAYLOAD_TOO_LARGE'), host);
    }
    if (
      exception instanceof BadRequestException &&
      exception.cause instanceof SyntaxError &&
      !(exception instanceof UserKitException)
    ) {
      return super.catch(new UserKitException('MALFORMED_JSON', exception.message), host);
    }
    // Nest's and Express's own 400s (a path parameter that is not valid percent-encoding) get a code.
    if (exception instanceof BadRequestException && !(exception instanceof UserKitException)) {
      return super.catch(new UserKitException('VALIDATION_FAILED', exception.message), host);
    }
    return super.catch(exception, host);
  }
}
