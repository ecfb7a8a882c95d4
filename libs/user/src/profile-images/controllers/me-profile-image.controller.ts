import { Controller, Put, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { ProfileImageResponse } from '../dto/profile-image.response.js';
import { PROFILE_IMAGE_MAX_BYTES } from '../files/image-type.js';
import { UploadErrorsInterceptor } from '../files/upload-errors.interceptor.js';
import { UploadSlotsGuard } from '../guards/upload-slots.guard.js';
import { ProfileImageService } from '../services/profile-image.service.js';

/** The part of a multer upload this route reads (kept in memory: at most 5 MB). */
interface UploadedBytes {
  buffer: Buffer;
}

@ApiTags('me')
@Authenticated()
@Controller('me')
@UserKitApi()
export class MeProfileImageController {
  constructor(private readonly profileImages: ProfileImageService) {}

  @Put('profile-image')
  // Guards run before the interceptor: over a limit, the body is never read.
  @UseGuards(UploadSlotsGuard)
  @RateLimit('profileImage')
  @UseInterceptors(
    UploadErrorsInterceptor,
    FileInterceptor('file', {
      // One file and nothing else; multer answers 413 beyond the size and 400 for extra parts.
      limits: { fileSize: PROFILE_IMAGE_MAX_BYTES, files: 1, fields: 0, parts: 1 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
      additionalProperties: false,
    },
  })
  @ApiOkResponse({
    type: ProfileImageResponse,
    description: 'Stored; `picture` of the user now points to `url`',
  })
  @ApiUserKitError(400, {
    description: 'No file, another field or extra parts, or not a PNG, JPEG, GIF or WebP image',
  })
  @ApiUserKitError(413, { description: 'More than 5 MB' })
  @ApiUserKitError(503, {
    description: 'Too many uploads in progress on this instance (UPLOADS_BUSY); see Retry-After',
  })
  async setProfileImage(
    @CurrentUser('id') userId: string,
    @UploadedFile() file: UploadedBytes | undefined,
  ): Promise<ProfileImageResponse> {
    return this.profileImages.setProfileImage(userId, file?.buffer);
  }
}
