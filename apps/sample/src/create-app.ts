import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { ServiceUnavailableFilter } from '@userkit/user';
import { AppModule } from './app.module.js';
import type { SampleOverrides } from './feature-modules.js';
import type { SampleConfig } from './sample-config.js';

/**
 * Builds the sample app exactly as `npm start` runs it; tests use this too. `beforeInit` lets a
 * test shape the app the way another host would (e.g. its own `setGlobalPrefix` exclusions)
 * before Swagger reads the routes and the app starts.
 */
export async function createApp(
  config: SampleConfig,
  overrides: SampleOverrides = {},
  beforeInit?: (app: NestExpressApplication) => void,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, overrides),
    {
      logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : undefined,
      // Throw start-up errors (e.g. invalid options) instead of exiting, so callers see the message.
      abortOnError: false,
    },
  );
  // UserModule's filter covers its own routes only; the sample opts in app-wide so errors raised
  // before any route (an oversized body, from Express's body parser) get the API's error shape.
  app.useGlobalFilters(new ServiceUnavailableFilter(app.get(HttpAdapterHost).httpAdapter));
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  // apps/react-example (`npm run build`), beside the built sample: the @userkit/react example on
  // the API's own origin. Absent (e.g. the sources run by the tests), nothing is served there.
  const reactExample = fileURLToPath(new URL('../../../../react-example', import.meta.url));
  if (existsSync(join(reactExample, 'index.html')))
    app.useStaticAssets(reactExample, { prefix: '/react-example' });
  // X-Forwarded-For counts only from the proxies named in TRUSTED_PROXIES (Express picks the
  // right-most address not among them); with none, the socket address is the client.
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  // GLOBAL_PREFIX: every route moves under it (UserModule's links, callbacks, pages and cookie
  // follow); the health checks stay where load balancers look for them. Before Swagger and init.
  if (config.globalPrefix)
    app.setGlobalPrefix(config.globalPrefix, { exclude: ['health/live', 'health/ready'] });
  beforeInit?.(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nest UserKit sample')
      .setDescription('The HTTP routes of UserModule, served by the sample host app')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  try {
    await app.init();
  } catch (error) {
    // A failed start (e.g. a refused ADMIN_PASSWORD) must not leave database connections open.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
