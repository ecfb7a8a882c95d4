import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { mapTokens, mapUser } from '../dto/user.mapper.js';
import type { TokenResponse, UserResponse } from '../dto/user.response.js';
import type { IssuedTokens } from './issued-tokens.js';
import { ProfileAttributesService } from './profile-attributes.service.js';

/**
 * Token answers (sign-up, sign-in, refresh, OAuth exchange, upgrade) show the user exactly as
 * GET /me does: the profile schema's end-user access applied, so a hidden attribute stays hidden.
 */
@Injectable()
export class TokenResponsesService {
  constructor(private readonly attributes: ProfileAttributesService) {}

  async ownView(user: User): Promise<UserResponse> {
    const schema = await this.attributes.loadSchema();
    return withAttributes(mapUser(user), this.attributes.view(user, 'endUser', schema));
  }

  async tokens(issued: IssuedTokens): Promise<TokenResponse> {
    return { ...mapTokens(issued), user: await this.ownView(issued.user) };
  }
}
