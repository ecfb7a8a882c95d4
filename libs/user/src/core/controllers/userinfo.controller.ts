import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { UserInfoService, type UserInfoClaims } from '../services/userinfo.service.js';

@ApiTags('me')
@Authenticated()
@Controller('userinfo')
@UserKitApi()
export class UserInfoController {
  constructor(private readonly userInfo: UserInfoService) {}

  @Get()
  @ApiOkResponse({
    description:
      'OIDC claims: sub, the standard attributes the bearer may see, email, email_verified, phone_number, phone_number_verified, is_anonymous, is_verified, roles, custom_attributes, updated_at',
    schema: {
      type: 'object',
      additionalProperties: true,
      example: {
        sub: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69',
        given_name: 'Ada',
        email: 'ada@example.com',
        email_verified: false,
        is_anonymous: false,
        is_verified: false,
        roles: ['user'],
        custom_attributes: { plan: 'pro' },
      },
    },
  })
  claims(@CurrentUser('id') userId: string): Promise<UserInfoClaims> {
    return this.userInfo.claimsFor(userId);
  }
}
