import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

/**
 * `standardAttributes` / `customAttributes` of a PATCH body: a JSON object whose keys the profile
 * schema checks (it changes at run time, so the DTO cannot); `null` clears a value.
 */
export function AttributeWritesProperty(kind: 'standard' | 'custom'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      description:
        kind === 'standard'
          ? 'OIDC standard attributes within your access, e.g. { "birthdate": "1990-04-01" }'
          : 'Custom attributes within your access (see GET /admin/attributes), e.g. { "plan": "pro" }',
    }),
    IsOptional(),
    IsJsonMetadata(),
  );
}
