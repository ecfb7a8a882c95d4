import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import type { UserErrorCode } from '../../core/errors/error-codes.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';

/**
 * Placed outside multer's FileInterceptor: its refusals (another field name, extra parts) are bare
 * 400s; they get the catalogue's `code` (the upload's "file missing"), like every other error.
 */
export function uploadErrorsInterceptor(code: UserErrorCode): Type<NestInterceptor> {
  @Injectable()
  class UploadErrorsInterceptor implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next.handle().pipe(
        catchError((error: unknown) => {
          if (error instanceof BadRequestException && !(error instanceof UserKitException))
            throw new UserKitException(code);
          throw error;
        }),
      );
    }
  }
  return UploadErrorsInterceptor;
}
