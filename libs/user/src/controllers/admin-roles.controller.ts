import { Body, Controller, Get, Post, UsePipes } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { RoleResponse } from '../dto/admin.response.js';
import { CreateRoleDto } from '../dto/create-role.dto.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { RolesService } from '../services/roles.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/roles')
export class AdminRolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @ApiOkResponse({ type: [RoleResponse] })
  async list(): Promise<RoleResponse[]> {
    return (await this.roles.list()).map((role) => ({
      name: role.name,
      description: role.description,
    }));
  }

  @Post()
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiConflictResponse({ description: 'A role with this name exists' })
  async create(@Body() body: CreateRoleDto): Promise<RoleResponse> {
    const role = await this.roles.create(body.name, body.description ?? null);
    return { name: role.name, description: role.description };
  }
}
