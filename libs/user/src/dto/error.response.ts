import { ApiProperty } from '@nestjs/swagger';
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
