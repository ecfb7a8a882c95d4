import { ApiProperty } from '@nestjs/swagger';
import { AdminSessionResponse } from './session.response.js';
import { UserResponse } from './user.response.js';

/** GET /me/export: everything the app holds about the signed-in user that they may see. */
export class UserDataExportResponse {
  @ApiProperty({ format: 'date-time', description: 'When this export was read' })
  exportedAt!: string;
  @ApiProperty({
    type: UserResponse,
    description:
      'The profile as GET /me shows it: names, username, picture, email addresses, phone numbers, external accounts, roles, public and unsafe metadata, standard and custom attributes the user may see, and the host’s extensions if any',
  })
  user!: UserResponse;
  @ApiProperty({
    type: [AdminSessionResponse],
    description: 'Every session of the user, live and ended, newest first, with why it ended',
  })
  sessions!: AdminSessionResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      securityActivity: [
        { type: 'sign_in.succeeded', createdAt: '2026-12-05T20:15:00.000Z', ip: '203.0.113.7' },
      ],
    },
    description:
      'What feature modules and the host add (UserDataExportSections), by name: the audit log adds `securityActivity`, every record of it about the user, newest first',
  })
  sections!: Record<string, unknown>;
}
