import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import type { UserErrorCode } from '../../core/errors/error-codes.js';
import { UploadSlotsGuard } from '../guards/upload-slots.guard.js';
import { PROFILE_IMAGE_MAX_BYTES } from './image-type.js';
import { uploadErrorsInterceptor } from './upload-errors.interceptor.js';

/**
 * A route taking one image as multipart `file` (pictures, organization logos): upload slots and
 * the rate limit first, then multer with its limits, its bare refusals turned into `missingCode`,
 * and the request body, 413 and 503 in the API document. The route documents its own 200 and 400.
 */
export function ImageUpload(missingCode: UserErrorCode): MethodDecorator {
  return applyDecorators(
    // Guards run before the interceptor: over a limit, the body is never read.
    UseGuards(UploadSlotsGuard),
    RateLimit('profileImage'),
    UseInterceptors(
      uploadErrorsInterceptor(missingCode),
      FileInterceptor('file', {
        // One file and nothing else; multer answers 413 beyond the size and 400 for extra parts.
        limits: { fileSize: PROFILE_IMAGE_MAX_BYTES, files: 1, fields: 0, parts: 1 },
      }),
    ),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
        additionalProperties: false,
      },
    }),
    ApiUserKitError(413, { description: 'More than 5 MB' }),
    ApiUserKitError(503, {
      description: 'Too many uploads in progress on this instance (UPLOADS_BUSY); see Retry-After',
    }),
  );
}
