import { Controller, Put, UploadedFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { ProfileImageResponse } from '../dto/profile-image.response.js';
import { ImageUpload } from '../files/image-upload.decorator.js';
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
  @ImageUpload('PROFILE_IMAGE_MISSING')
  @ApiOkResponse({
    type: ProfileImageResponse,
    description: 'Stored; `picture` of the user now points to `url`',
  })
  @ApiUserKitError(400, {
    description: 'No file, another field or extra parts, or not a PNG, JPEG, GIF or WebP image',
  })
  async setProfileImage(
    @CurrentUser('id') userId: string,
    @UploadedFile() file: UploadedBytes | undefined,
  ): Promise<ProfileImageResponse> {
    return this.profileImages.setProfileImage(userId, file?.buffer);
  }
}
