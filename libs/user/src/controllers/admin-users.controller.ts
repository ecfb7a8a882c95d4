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
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly adminUsers: AdminUsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageResponse })
  @ApiBadRequestResponse({
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
  @ApiConflictResponse({ description: 'Email taken' })
  async create(@Body() body: AdminCreateUserDto): Promise<AdminUserResponse> {
    const created = await this.adminUsers.create(body);
    const { user, attributes } = await this.adminUsers.getView(created.id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiNotFoundResponse()
  async get(@Param('id') id: string): Promise<AdminUserResponse> {
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiNotFoundResponse()
  async update(
    @Param('id') id: string,
    @Body() body: AdminUpdateUserDto,
  ): Promise<AdminUserResponse> {
    await this.adminUsers.update(id, body);
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; its sessions died with it' })
  @ApiBadRequestResponse({ description: 'The last admin (anonymous holders do not count)' })
  @ApiNotFoundResponse()
  async delete(@Param('id') id: string): Promise<void> {
    await this.adminUsers.delete(id);
  }

  @Put(':id/roles')
  @ApiOkResponse({ type: AdminUserResponse, description: 'Applies from the very next request' })
  @ApiBadRequestResponse({
    description:
      'Unknown role, the last admin would lose the role, or admin for an anonymous user (ANONYMOUS_ADMIN)',
  })
  @ApiNotFoundResponse()
  async setRoles(@Param('id') id: string, @Body() body: SetRolesDto): Promise<AdminUserResponse> {
    await this.adminUsers.setRoles(id, body.roles);
    const { user, attributes } = await this.adminUsers.getView(id);
    return withAttributes(mapUserAdmin(user), attributes);
  }
}
