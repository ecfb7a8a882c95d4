import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { IsUsername } from '../validation/is-username.decorator.js';

/** `username` of PATCH /me and PATCH /admin/users/:id: set or change it, `null` removes it. */
export function UsernameWriteProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      example: 'ada_l',
      minLength: 3,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_.-]{3,64}$',
      description:
        "When the app takes usernames: set or change it (stored lower-cased; 409 USERNAME_TAKEN when another user has it in any case); null removes it (not when `identifiers.username` is 'required', nor when it is the last way to sign in)",
    }),
    ValidateIf((_, value) => value !== null),
    IsOptional(),
    IsUsername(),
  );
}
