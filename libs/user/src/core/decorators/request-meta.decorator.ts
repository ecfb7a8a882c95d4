import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestMeta } from '../services/request-meta.js';

/** The caller's ip (as Express resolved it under the host's trust proxy setting) and user agent. */
export const ClientMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestMeta => {
    const request = context.switchToHttp().getRequest();
    const userAgent = request.headers?.['user-agent'];
    return {
      ip: typeof request.ip === 'string' ? request.ip : null,
      userAgent: typeof userAgent === 'string' ? userAgent : null,
    };
  },
);
