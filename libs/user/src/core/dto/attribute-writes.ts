import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

const DESCRIPTIONS = {
  standard: 'OIDC standard attributes within your access, e.g. { "birthdate": "1990-04-01" }',
  custom:
    'Custom attributes within your access (see GET /admin/attributes), e.g. { "plan": "pro" }',
  'custom at sign-up':
    'Custom attributes the user starts with, the host’s declared fields among them, e.g. ' +
    '{ "plan": "pro" }: only those the end user may edit (else 403 ATTRIBUTE_FORBIDDEN), each ' +
    'value fitting its type (else 400 ATTRIBUTE_INVALID); every one the end user may edit whose ' +
    'validation.required is on must have a value (see GET /auth/signup/attributes)',
  'standard at creation':
    'Standard attributes the user starts with, e.g. { "birthdate": "1990-04-01", "name": "Ada L." }: ' +
    'only those admins may edit (else 403 ATTRIBUTE_FORBIDDEN), each value fitting its rule (else ' +
    '400 ATTRIBUTE_INVALID); given_name, family_name and name are firstName, lastName and ' +
    'displayName: send one of each pair',
  'custom at creation':
    'Custom attributes the user starts with, the host’s declared fields among them, e.g. ' +
    '{ "plan": "pro" }: only those admins may edit (else 403 ATTRIBUTE_FORBIDDEN), each value ' +
    'fitting its type (else 400 ATTRIBUTE_INVALID); every attribute admins may edit whose ' +
    'validation.required is on must have a value (else 400 ATTRIBUTE_INVALID)',
};

/**
 * `standardAttributes` / `customAttributes` of a body: a JSON object whose keys the profile schema
 * checks (it changes at run time, so the DTO cannot); `null` clears a value.
 */
export function AttributeWritesProperty(kind: keyof typeof DESCRIPTIONS): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      description: DESCRIPTIONS[kind],
    }),
    IsOptional(),
    IsJsonMetadata(),
  );
}
