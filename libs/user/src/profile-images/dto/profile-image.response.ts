import { ApiProperty } from '@nestjs/swagger';

/** PUT /me/profile-image: the stored image; the user's `picture` is now `url`. */
export class ProfileImageResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69.png' }) id!: string;
  @ApiProperty({ example: 'https://app.example.com/profile-images/01938f6e-...png' }) url!: string;
}
