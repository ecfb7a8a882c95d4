import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { rethrowStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { Reflector } from '@nestjs/core';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { clientAddressKey } from '../rate-limit/client-address-key.js';
import type { RateLimitName } from '../rate-limit/rate-limit-names.js';
import { RATE_LIMIT_KEY, USER_OPTIONS } from '../tokens.js';

/**
 * Per client address and named bucket. The address is Express's `req.ip`, which honours the
 * host's `trust proxy` setting: X-Forwarded-For counts only from proxies the host trusts. An IPv6
 * client is keyed by its /64.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(RateLimitStorage) private readonly storage: RateLimitStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.options.rateLimits) return true;
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!name) return true;
    const rule = this.options.rateLimits[name];
    const http = context.switchToHttp();
    const request = http.getRequest();
    const windowMs = rule.windowSeconds * 1000;
    const record = await this.storage
      .increment(
        `${name}:${this.clientKey(request)}`,
        windowMs,
        rule.limit,
        windowMs,
        `userkit-${name}`,
      )
      .catch((error: unknown) => rethrowStoreUnavailable(error, http.getResponse()));
    if (record.isBlocked) {
      const retryAfter = Math.max(1, record.timeToBlockExpire);
      http.getResponse().setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: `Too many requests; try again in ${retryAfter} s`,
          code: 'RATE_LIMITED',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  /** Subclass to key by something else (an API key, a tenant). */
  protected clientKey(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
    return clientAddressKey(request.ip ?? request.socket?.remoteAddress ?? 'unknown');
  }
}
