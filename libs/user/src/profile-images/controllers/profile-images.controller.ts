import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { PROFILE_IMAGES_PATH, ProfileImageService } from '../services/profile-image.service.js';

/** Serves stored profile images: public, as `<img src>` sends no bearer token. */
@ApiTags('profile images')
@Public()
@Controller(PROFILE_IMAGES_PATH)
@UserKitApi()
export class ProfileImagesController {
  constructor(private readonly profileImages: ProfileImageService) {}

  @Get(':id')
  // Ids are never reused, so the bytes never change; the sandbox keeps a crafted file inert.
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOkResponse({ description: 'The image bytes' })
  @ApiUserKitError(404, { description: 'No image with this id' })
  async getProfileImage(@Param('id') id: string): Promise<StreamableFile> {
    const file = await this.profileImages.read(id);
    return new StreamableFile(file.data, { type: file.contentType, length: file.data.length });
  }
}
