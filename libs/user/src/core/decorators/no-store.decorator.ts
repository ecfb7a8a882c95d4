import { Header } from '@nestjs/common';

/** For answers that carry tokens: no browser, proxy or CDN cache may keep a copy. */
export const NoStore = (): MethodDecorator => Header('Cache-Control', 'no-store');
