import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { UserKitException } from '../../core/errors/user-kit.exception.js';

/**
 * Placed outside multer's FileInterceptor: its refusals (another field name, extra parts) are bare
 * 400s; they get the catalogue's ORGANIZATION_LOGO_MISSING.
 */
@Injectable()
export class LogoUploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof BadRequestException && !(error instanceof UserKitException))
          throw new UserKitException('ORGANIZATION_LOGO_MISSING');
        throw error;
      }),
    );
  }
}
