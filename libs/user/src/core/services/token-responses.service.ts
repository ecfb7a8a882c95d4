import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { mapTokens, mapUser } from '../dto/user.mapper.js';
import type { TokenResponse, UserResponse } from '../dto/user.response.js';
import type { IssuedTokens } from './issued-tokens.js';
import { ImpersonatorsRead } from './impersonators-read.js';
import { ProfileAttributesService } from './profile-attributes.service.js';

/**
 * Token answers (sign-up, sign-in, refresh, OAuth exchange, upgrade) show the user exactly as
 * GET /me does: the profile schema's end-user access applied, so a hidden attribute stays hidden.
 */
@Injectable()
export class TokenResponsesService {
  constructor(
    private readonly attributes: ProfileAttributesService,
    private readonly impersonators: ImpersonatorsRead,
  ) {}

  async ownView(user: User): Promise<UserResponse> {
    const schema = await this.attributes.loadSchema();
    return withAttributes(mapUser(user), this.attributes.view(user, 'endUser', schema));
  }

  /** In an impersonation session the user view names the admin too, as GET /me does. */
  async tokens(issued: IssuedTokens): Promise<TokenResponse> {
    const user = await this.ownView(issued.user);
    if (issued.impersonatorId) {
      const impersonator = await this.impersonators.describe(issued.impersonatorId);
      if (impersonator) user.impersonatedBy = impersonator;
    }
    return { ...mapTokens(issued), user };
  }
}
