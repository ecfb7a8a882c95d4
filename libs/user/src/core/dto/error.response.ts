import { ApiProperty, ApiSchema, type ApiSchemaOptions } from '@nestjs/swagger';
import { UserErrors, type UserErrorCode } from '../errors/error-codes.js';

/** The body of every error the library answers: Nest's shape plus a stable `code`. */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The reason phrase of the status' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['email must be a valid email address of at most 254 characters'],
    description: 'What went wrong; a list for a failed validation (one line per problem)',
  })
  message!: string | string[];

  @ApiProperty({
    enum: Object.keys(UserErrors),
    enumName: 'UserErrorCode',
    example: 'VALIDATION_FAILED',
    description: 'Stable code from the error catalogue: branch on this, not on the message',
  })
  code!: UserErrorCode;
}

/**
 * An HttpException a host's own code threw (e.g. a `beforeCreate` hook's ForbiddenException),
 * as Nest renders it: the host chooses the body, so it may lack `code`.
 */
@ApiSchema({ additionalProperties: true } as ApiSchemaOptions)
export class HostErrorResponse {
  @ApiProperty({ type: 'integer', example: 403 })
  statusCode!: number;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  message!: string | string[];
}
