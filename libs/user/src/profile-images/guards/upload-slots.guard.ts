import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';

/** Uploads this process receives at once; each holds up to its size limit (5 MB) in memory. */
export const MAX_CONCURRENT_UPLOADS = 8;

/**
 * Bounds the memory that uploads in progress hold: beyond the slots, 503 with Retry-After before
 * the body is read. Per process on purpose: it guards this process's memory.
 */
@Injectable()
export class UploadSlotsGuard implements CanActivate {
  private static active = 0;

  canActivate(context: ExecutionContext): boolean {
    if (UploadSlotsGuard.active >= MAX_CONCURRENT_UPLOADS)
      throw new UserKitException('UPLOADS_BUSY', undefined, { retryAfterSeconds: 1 });
    UploadSlotsGuard.active += 1;
    // 'close' follows the answer, and also a client that goes away mid-upload.
    context
      .switchToHttp()
      .getResponse<{ once(event: 'close', listener: () => void): unknown }>()
      .once('close', () => {
        UploadSlotsGuard.active -= 1;
      });
    return true;
  }
}
