// A host of its own (not the sample) with UserModule, global guards and the pages on: the
// library's exception filter and cookie interceptor belong to its own controllers, so a host
// route's errors and answers are the host's and Nest's, untouched.
import { UserPagesModule } from '@userkit/user/pages';
import {
  Catch,
  Controller,
  Get,
  type ArgumentsHost,
  type ExceptionFilter,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Public, UserModule } from '@userkit/user';
import { startBareHost } from './support/bare-host.js';
import type { Http } from './support/http.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

/** What a host's route might throw when its own upstream times out. */
const HOST_TIMEOUT = 'connect ETIMEDOUT 10.1.2.3:443';

@Controller('host')
class HostController {
  @Public()
  @Get('timeout')
  timeout(): never {
    throw Object.assign(new Error(HOST_TIMEOUT), { code: 'ETIMEDOUT' });
  }

  @Public()
  @Get('tokens')
  tokens(): { refreshToken: string } {
    return { refreshToken: 'the-host-own-token' };
  }
}

/** A host's own catch-all filter: marks the answers it renders. */
@Catch()
class HostFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse()
      .status(502)
      .json({ handledBy: 'host', message: (exception as Error).message });
  }
}

interface Host {
  http: Http;
  close(): Promise<void>;
}

function startHost(hostProviders: Provider[]): Promise<Host> {
  return startBareHost({
    userModule: UserModule.forRoot({
      tokenSecret: TEST_JWT_SECRET,
      rateLimits: false,
      publicUrl: 'http://127.0.0.1:3000',
      globalGuards: true,
    }),
    imports: [UserPagesModule.forRoot({ path: '/account' })],
    controllers: [HostController],
    providers: hostProviders,
  });
}

describe('a host without a filter of its own', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost([]);
  });
  afterAll(async () => {
    await host?.close();
  });

  it("answers a host route's own ETIMEDOUT with Nest's 500, not the library's 503", async () => {
    const response = await host.http.get('/host/timeout');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it("leaves a host route's refreshToken in its body, even when cookie mode is asked", async () => {
    const response = await host.http
      .get('/host/tokens')
      .set('X-UserKit-Session', 'cookie')
      .expect(200);
    expect(response.body).toEqual({ refreshToken: 'the-host-own-token' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('still moves the refresh token of the library sign-up to the cookie in cookie mode', async () => {
    const response = await host.http
      .post('/auth/signup')
      .set('X-UserKit-Session', 'cookie')
      .set('Origin', 'http://127.0.0.1:3000')
      .send({ email: uniqueEmail('host-cookie'), password: GOOD_PASSWORD })
      .expect(201);
    expect(typeof response.body.accessToken).toBe('string');
    expect(response.body.refreshToken).toBeUndefined();
    expect(String(response.headers['set-cookie'])).toMatch(/^userkit_refresh=.*HttpOnly/i);
  });
});

describe('a host with its own app-wide filter', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost([{ provide: APP_FILTER, useClass: HostFilter }]);
  });
  afterAll(async () => {
    await host?.close();
  });

  it("hands a host route's ETIMEDOUT to the host's filter as thrown", async () => {
    const response = await host.http.get('/host/timeout').expect(502);
    expect(response.body).toEqual({ handledBy: 'host', message: HOST_TIMEOUT });
  });
});
