import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { AdminCreateUserDto } from '../dto/admin-create-user.dto.js';
import { AdminUpdateUserDto } from '../dto/admin-update-user.dto.js';
import { UserPageResponse } from '../dto/admin.response.js';
import { ListUsersQuery } from '../dto/list-users.query.js';
import { SetRolesDto } from '../dto/set-roles.dto.js';
import { mapUserAdmin } from '../dto/user.mapper.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { AdminUserResponse } from '../dto/user.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { AdminUsersService } from '../services/admin-users.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
@UserKitApi()
export class AdminUsersController {
  constructor(private readonly adminUsers: AdminUsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageResponse })
  @ApiUserKitError(400, {
    description: 'Bad parameters (limit, cursor, unknown role, repeated values)',
  })
  async list(@Query() query: ListUsersQuery): Promise<UserPageResponse> {
    const page = await this.adminUsers.listWithAttributes(query);
    return {
      data: page.users.map(({ user, attributes }) =>
        withAttributes(mapUserAdmin(user), attributes),
      ),
      nextCursor: page.nextCursor,
    };
  }

  @Post()
  @ApiCreatedResponse({ type: AdminUserResponse })
  @ApiUserKitError(400, {
    description:
      'Invalid input, unknown role, a username where the app takes none (IDENTIFIER_NOT_ACCEPTED), or an attribute that is unknown, whose value does not fit its rules, or that is required and missing (ATTRIBUTE_INVALID); nothing is written',
  })
  @ApiUserKitError(403, {
    description:
      "Lacks the admin role, the host's beforeCreate hook refused the user, or an attribute admins may not edit was sent (ATTRIBUTE_FORBIDDEN)",
    orHostError: true,
  })
  @ApiUserKitError(409, { description: 'Email or username taken (USERNAME_TAKEN)' })
  async create(@Body() body: AdminCreateUserDto): Promise<AdminUserResponse> {
    const created = await this.adminUsers.create(body);
    const { user, attributes } = await this.adminUsers.getView(created.id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiUserKitError(404)
  async get(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
  ): Promise<AdminUserResponse> {
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiUserKitError(404)
  @ApiUserKitError(409, { description: 'The username is taken by another user (USERNAME_TAKEN)' })
  async update(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body() body: AdminUpdateUserDto,
  ): Promise<AdminUserResponse> {
    await this.adminUsers.update(id, body);
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; its sessions died with it' })
  @ApiUserKitError(400, { description: 'The last admin (anonymous holders do not count)' })
  @ApiUserKitError(404)
  @ApiUserKitError(409, {
    description:
      'ORGANIZATION_OWNER_REQUIRED (UserOrganizationsModule): the user is the last owner of organizations that have other members, named in the message',
  })
  async delete(@Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string): Promise<void> {
    await this.adminUsers.delete(id);
  }

  @Put(':id/roles')
  @ApiOkResponse({ type: AdminUserResponse, description: 'Applies from the very next request' })
  @ApiUserKitError(400, {
    description:
      'Unknown role, the last admin would lose the role, or admin for an anonymous user (ANONYMOUS_ADMIN)',
  })
  @ApiUserKitError(404)
  async setRoles(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body() body: SetRolesDto,
  ): Promise<AdminUserResponse> {
    await this.adminUsers.setRoles(id, body.roles);
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }
}
