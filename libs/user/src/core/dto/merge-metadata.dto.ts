import { ApiPropertyOptional } from '@nestjs/swagger';
import type { JsonObject } from '../entities/user.entity.js';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

/** PATCH /admin/users/:id/metadata: each object is deep-merged; `null` deletes a key. */
@ApiStrictBody()
export class MergeMetadataDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { plan: 'pro', trial: null },
  })
  @IsOptional()
  @IsJsonMetadata()
  publicMetadata?: JsonObject;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  privateMetadata?: JsonObject;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  unsafeMetadata?: JsonObject;
}
