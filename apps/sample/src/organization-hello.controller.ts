import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@userkit/user';
import {
  CurrentOrganization,
  OrgMember,
  OrgPermissions,
  OrgRoles,
  type CurrentOrganizationMembership,
} from '@userkit/user/organizations';

const GREETING = {
  type: 'object',
  properties: {
    message: { type: 'string' },
    organizationId: { type: 'string' },
    role: { type: 'string' },
  },
  required: ['message', 'organizationId', 'role'],
};

interface Greeting {
  message: string;
  organizationId: string;
  role: string;
}

/**
 * The host's own organization routes: the organization is the `:orgId` parameter; a user who is
 * not its member gets 404, a member without the role or permission 403.
 */
@ApiTags('sample')
@Controller('organizations/:orgId/hello')
export class OrganizationHelloController {
  @Get()
  @OrgMember()
  @ApiOkResponse({ schema: GREETING, description: 'Any member' })
  hello(
    @CurrentUser('id') userId: string,
    @CurrentOrganization() current: CurrentOrganizationMembership,
  ): Greeting {
    return this.greet(`Hello, ${userId}, member of ${current.organizationValues.name}`, current);
  }

  @Get('admin')
  @OrgRoles('admin')
  @ApiOkResponse({ schema: GREETING, description: 'An admin (or owner) of the organization' })
  helloAdmin(@CurrentOrganization() current: CurrentOrganizationMembership): Greeting {
    return this.greet(`Hello, admin of ${current.organizationValues.slug}`, current);
  }

  @Get('editor')
  @OrgPermissions('projects:write')
  @ApiOkResponse({ schema: GREETING, description: 'A member whose role may write projects' })
  helloEditor(@CurrentOrganization() current: CurrentOrganizationMembership): Greeting {
    return this.greet(`Hello, writer of ${current.organizationValues.slug}'s projects`, current);
  }

  private greet(message: string, current: CurrentOrganizationMembership): Greeting {
    return { message, organizationId: current.organizationValues.id, role: current.role };
  }
}
