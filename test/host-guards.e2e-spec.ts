// The global guards (`globalGuards: true`) on a host's own routes: @Public() opens a route or a
// controller, @Roles() limits one, and the guards' per-route cache of these keeps each route's own
// answer, also for a method two controllers share by inheritance.
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Public, Roles, UserModule, UsersService } from '@userkit/user';
import { startBareHost, type BareHost } from './support/bare-host.js';
import type { Http } from './support/http.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

@Controller('members')
class MembersController {
  @Get('who')
  who(): { ok: boolean } {
    return { ok: true };
  }
}

/** The same `who` method, opened by the class. */
@Public()
@Controller('open')
class OpenController extends MembersController {}

@Controller('members-b')
class MembersBController {
  @Get('who')
  who(): { ok: boolean } {
    return { ok: true };
  }
}

@Public()
@Controller('open-b')
class OpenBController extends MembersBController {}

@Controller('staff')
class StaffController {
  @Roles('admin')
  @Get('report')
  report(): { ok: boolean } {
    return { ok: true };
  }

  @Public()
  @Roles('admin')
  @Get('notice')
  notice(): { ok: boolean } {
    return { ok: true };
  }

  @Get('lounge')
  lounge(): { ok: boolean } {
    return { ok: true };
  }
}

describe('global guards on the host’s own routes', () => {
  let host: BareHost;
  let app: INestApplication;
  let http: Http;

  beforeAll(async () => {
    host = await startBareHost({
      userModule: UserModule.forRoot({
        tokenSecret: TEST_JWT_SECRET,
        rateLimits: false,
        globalGuards: true,
      }),
      controllers: [
        MembersController,
        OpenController,
        MembersBController,
        OpenBController,
        StaffController,
      ],
    });
    ({ app, http } = host);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('a method a @Public() controller inherits is public there and guarded in its parent, whichever is asked first', async () => {
    for (let i = 0; i < 2; i += 1) {
      await http.get('/open/who').expect(200, { ok: true });
      await http.get('/members/who').expect(401);
      await http.get('/members-b/who').expect(401);
      await http.get('/open-b/who').expect(200, { ok: true });
    }
    const member = await signUp(http);
    await http.get('/members/who').set(bearer(member.accessToken)).expect(200, { ok: true });
  });

  it('@Roles(): 401 signed out, 403 as a member, 200 as an admin; beside @Public() the route is public', async () => {
    const email = uniqueEmail('admin');
    await app.get(UsersService).ensureAdmin(email, GOOD_PASSWORD);
    const admin = await http.post('/auth/login').send({ email, password: GOOD_PASSWORD });
    const member = await signUp(http);
    for (let i = 0; i < 2; i += 1) {
      expect((await http.get('/staff/report')).body.code).toBe('NOT_SIGNED_IN');
      const asMember = await http.get('/staff/report').set(bearer(member.accessToken));
      expect([asMember.status, asMember.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
      await http.get('/staff/report').set(bearer(admin.body.accessToken)).expect(200);
      await http.get('/staff/notice').expect(200, { ok: true });
      await http.get('/staff/lounge').expect(401);
      await http.get('/staff/lounge').set(bearer(member.accessToken)).expect(200);
    }
  });
});
