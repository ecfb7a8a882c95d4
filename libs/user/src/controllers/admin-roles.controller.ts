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
  UseFilters,
} from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
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
import { RoleResponse } from '../dto/admin.response.js';
import { CreateRoleDto } from '../dto/create-role.dto.js';
import { UpdateRoleDto } from '../dto/update-role.dto.js';
import type { Role } from '../entities/role.entity.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { RolesService } from '../services/roles.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/roles')
@UseFilters(ServiceUnavailableFilter)
export class AdminRolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @ApiOkResponse({ type: [RoleResponse] })
  async list(): Promise<RoleResponse[]> {
    return (await this.roles.list()).map((role) => this.toResponse(role));
  }

  @Post()
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiConflictResponse({ description: 'A role with this name exists' })
  async create(@Body() body: CreateRoleDto): Promise<RoleResponse> {
    const role = await this.roles.create(body.name, body.description ?? null);
    return this.toResponse(role);
  }

  @Patch(':name')
  @ApiOkResponse({ type: RoleResponse })
  @ApiBadRequestResponse({ description: 'description not a string ≤ 500 or null; unknown field' })
  @ApiNotFoundResponse({ description: 'Unknown role' })
  async update(@Param('name') name: string, @Body() body: UpdateRoleDto): Promise<RoleResponse> {
    return this.toResponse(await this.roles.updateDescription(name, body.description));
  }

  @Delete(':name')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'Unknown role' })
  @ApiConflictResponse({
    description: 'A built-in or option-declared role, or a role some users still hold (the count)',
  })
  async delete(@Param('name') name: string): Promise<void> {
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
