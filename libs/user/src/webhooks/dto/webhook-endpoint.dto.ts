import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import type { UserKitEventName } from '../../core/events/user-kit-events.js';
import { WEBHOOK_EVENT_NAMES } from '../webhook-event-names.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { WEBHOOK_URL_MAX_LENGTH } from '../delivery/destination-policy.js';

const DESCRIPTION_MAX_LENGTH = 500;
const EVENTS_MESSAGE = `events must be a list of distinct event names among ${WEBHOOK_EVENT_NAMES.join(', ')}`;

/** A list of distinct names of UserKitEvents (what an endpoint receives). */
const IsEventNames = (): PropertyDecorator =>
  applyDecorators(
    IsArray({ message: EVENTS_MESSAGE }),
    ArrayMaxSize(WEBHOOK_EVENT_NAMES.length, { message: EVENTS_MESSAGE }),
    ArrayUnique({ message: EVENTS_MESSAGE }),
    IsIn(WEBHOOK_EVENT_NAMES, { each: true, message: EVENTS_MESSAGE }),
  );

@ApiStrictBody()
export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.example.com/userkit', maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiPropertyOptional({ example: 'CRM sync', maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENT_NAMES,
    isArray: true,
    example: ['user.created', 'user.deleted'],
    description: 'The events it receives; omitted or empty: every event',
  })
  @IsOptional()
  @IsEventNames()
  events?: UserKitEventName[];
}

@ApiStrictBody()
export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: DESCRIPTION_MAX_LENGTH,
    description: 'null clears it',
  })
  @IsOptional()
  @ValidateIf((_body: object, value: unknown) => value !== null)
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_NAMES, isArray: true })
  @IsOptional()
  @IsEventNames()
  events?: UserKitEventName[];

  @ApiPropertyOptional({ description: 'false: nothing is sent to it until it is on again' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@ApiStrictBody()
export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 604800,
    default: 86400,
    description: 'Seconds the old secret keeps signing beside the new one (0: stops at once)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604800)
  overlapSeconds?: number;
}
