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
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { RoleResponse } from '../dto/admin.response.js';
import { CreateRoleDto } from '../dto/create-role.dto.js';
import { UpdateRoleDto } from '../dto/update-role.dto.js';
import type { Role } from '../entities/role.entity.js';
import { ADMIN_ROLE, ROLE_NAME_PATTERN } from '../options/built-in-roles.js';
import { RolesService } from '../services/roles.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/roles')
@UserKitApi()
export class AdminRolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @ApiOkResponse({ type: [RoleResponse] })
  async list(): Promise<RoleResponse[]> {
    return (await this.roles.list()).map((role) => this.toResponse(role));
  }

  @Post()
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiUserKitError(409, { description: 'A role with this name exists' })
  async create(@Body() body: CreateRoleDto): Promise<RoleResponse> {
    const role = await this.roles.create(body.name, body.description ?? null);
    return this.toResponse(role);
  }

  @Patch(':name')
  @ApiOkResponse({ type: RoleResponse })
  @ApiUserKitError(400, { description: 'description not a string ≤ 500 or null; unknown field' })
  @ApiUserKitError(404, { description: 'Unknown role' })
  async update(
    @Param('name', new ResourceIdPipe('ROLE_DOES_NOT_EXIST', ROLE_NAME_PATTERN)) name: string,
    @Body() body: UpdateRoleDto,
  ): Promise<RoleResponse> {
    return this.toResponse(await this.roles.updateDescription(name, body.description));
  }

  @Delete(':name')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiUserKitError(404, { description: 'Unknown role' })
  @ApiUserKitError(409, {
    description: 'A built-in or option-declared role, or a role some users still hold (the count)',
  })
  async delete(
    @Param('name', new ResourceIdPipe('ROLE_DOES_NOT_EXIST', ROLE_NAME_PATTERN)) name: string,
  ): Promise<void> {
    await this.roles.delete(name);
  }

  private toResponse(role: Role): RoleResponse {
    return {
      name: role.name,
      description: role.description,
      builtIn: this.roles.isDeclared(role.name),
    };
  }
}
