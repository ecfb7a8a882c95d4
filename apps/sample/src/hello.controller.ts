import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedPrincipal } from '@userkit/user';

/** The host's own routes, protected by the module's global guards. */
@ApiTags('sample')
@ApiBearerAuth()
@Controller()
export class HelloController {
  @Get('hello')
  hello(@CurrentUser() me: AuthenticatedPrincipal): { message: string; roles: string[] } {
    return { message: `Hello, ${me.user.displayName ?? me.id}`, roles: me.roles };
  }

  @Get('hello/admin')
  @Roles('admin')
  helloAdmin(@CurrentUser('id') userId: string): { message: string } {
    return { message: `Hello, admin ${userId}` };
  }

  @Public()
  @Get('hello/public')
  helloPublic(): { message: string } {
    return { message: 'Hello, anyone' };
  }
}
