import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiUserKitError,
  ApiUserKitErrors,
  CurrentUser,
  Public,
  Roles,
  type AuthenticatedPrincipal,
} from '@userkit/user';

const MESSAGE = {
  type: 'object',
  properties: { message: { type: 'string' } },
  required: ['message'],
};

/** The host's own routes, protected by the module's global guards. */
@ApiTags('sample')
@Controller()
export class HelloController {
  @Get('hello')
  @ApiBearerAuth()
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        roles: { type: 'array', items: { type: 'string' } },
      },
      required: ['message', 'roles'],
    },
  })
  @ApiUserKitErrors(401, 503)
  async hello(
    @CurrentUser() me: AuthenticatedPrincipal,
  ): Promise<{ message: string; roles: string[] }> {
    // `load()`: the session check's row (no query), or with stateless sessions one read.
    const { userValues } = await me.load();
    return { message: `Hello, ${userValues.displayName ?? me.id}`, roles: me.roles };
  }

  @Get('hello/admin')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ schema: MESSAGE })
  @ApiUserKitErrors(401, 503)
  @ApiUserKitError(403, { description: 'Signed in without the admin role' })
  helloAdmin(@CurrentUser('id') userId: string): { message: string } {
    return { message: `Hello, admin ${userId}` };
  }

  @Public()
  @Get('hello/public')
  @ApiOkResponse({ schema: MESSAGE })
  helloPublic(): { message: string } {
    return { message: 'Hello, anyone' };
  }
}
