import {
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  ServiceUnavailableException,
  type INestApplication,
} from '@nestjs/common';
import { ApiOkResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentUser,
  defineUserFields,
  SelfViewExtension,
  UserModule,
  type AuthenticatedPrincipal,
  type PrincipalWithFields,
} from '@userkit/user';
import { jest } from '@jest/globals';
import { createUserKitClient } from '@userkit/client';
import { startBareHost, type BareHost } from './support/bare-host.js';
import { freePort } from './support/browser.js';
import { conformingHttp, type Http } from './support/http.js';
import { OpenApiConformance } from './support/openapi-conformance.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

interface Membership {
  organizationId: string;
  role: 'owner' | 'member';
}

// What a front-end declares to type `user.extensions` (see the client's UserExtensions).
declare module '@userkit/client' {
  interface UserExtensions {
    memberships: Membership[];
    companyId: string | null;
  }
}

const fields = defineUserFields({
  companyId: { type: 'string', access: { endUser: 'readonly' } },
  plan: { type: 'enum', values: ['free', 'pro'], access: { endUser: 'editable' } },
});

/** The host's own data (its Membership rows), and how its next answers should go wrong. */
@Injectable()
class MembershipStore {
  readonly byUser = new Map<string, Membership[]>();
  failure: 'none' | 'error' | 'http' | 'array' | 'nothing' = 'none';
  calls = 0;
}

/** The host's extension: a provider of its own module, with its own dependencies. */
@Injectable()
class MembershipsView implements SelfViewExtension {
  constructor(private readonly store: MembershipStore) {}

  async extend(principal: AuthenticatedPrincipal) {
    this.store.calls += 1;
    const me = principal as unknown as PrincipalWithFields<typeof fields>;
    switch (this.store.failure) {
      case 'error':
        throw new Error('membership database is down');
      case 'http':
        throw new ServiceUnavailableException('memberships unavailable');
      case 'array':
        return [] as never;
      case 'nothing':
        return undefined as never;
      default:
        return {
          memberships: this.store.byUser.get(me.id) ?? [],
          companyId: me.fields.companyId ?? null,
        };
    }
  }
}

/** A host route reading the typed fields from the principal. */
@Controller('dashboard')
@Authenticated()
class DashboardController {
  @Get()
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        companyId: { type: 'string', nullable: true },
        plan: { type: 'string', enum: ['free', 'pro'], nullable: true },
      },
    },
  })
  show(@CurrentUser() me: PrincipalWithFields<typeof fields>) {
    const plan: 'free' | 'pro' | undefined = me.fields.plan;
    return { companyId: me.fields.companyId ?? null, plan: plan ?? null };
  }
}

@Module({
  providers: [MembershipStore, { provide: SelfViewExtension, useClass: MembershipsView }],
  exports: [MembershipStore],
})
class MembershipsModule {}

/** A host with UserModule, the fields and optionally its extension; responses checked against its document. */
async function startHost(options: {
  extension: boolean;
  port?: number;
}): Promise<{ host: BareHost; http: Http }> {
  let document: Record<string, unknown> = {};
  const host = await startBareHost({
    userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false, fields }),
    imports: options.extension ? [MembershipsModule] : [],
    controllers: [DashboardController],
    listenPort: options.port,
    beforeInit: (app: INestApplication) => {
      document = SwaggerModule.createDocument(
        app,
        new DocumentBuilder().setTitle('host').addBearerAuth().build(),
      ) as unknown as Record<string, unknown>;
    },
  });
  return {
    host,
    http: conformingHttp(host.app.getHttpServer(), new OpenApiConformance(document)),
  };
}

describe("a host's SelfViewExtension adds its data to the self view", () => {
  let host: BareHost;
  let http: Http;
  let store: MembershipStore;
  let baseUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    ({ host, http } = await startHost({ extension: true, port }));
    store = host.app.get(MembershipStore);
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await host.close();
  });
  afterEach(() => {
    store.failure = 'none';
  });

  it('GET /me carries it under extensions, read with the typed fields', async () => {
    const member = await signUp(http, { customAttributes: { plan: 'pro' } });
    store.byUser.set(member.user.id, [{ organizationId: 'org_1', role: 'owner' }]);
    const me = await http.get('/me').set(bearer(member.accessToken)).expect(200);
    expect(me.body.extensions).toEqual({
      memberships: [{ organizationId: 'org_1', role: 'owner' }],
      companyId: null,
    });
    expect(me.body.customAttributes).toEqual({ plan: 'pro' });
    expect(me.body.id).toBe(member.user.id);
  });

  it("PATCH /me's answer carries it too", async () => {
    const member = await signUp(http);
    store.byUser.set(member.user.id, [{ organizationId: 'org_2', role: 'member' }]);
    const updated = await http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({ displayName: 'Ada', customAttributes: { plan: 'free' } })
      .expect(200);
    expect(updated.body).toMatchObject({
      displayName: 'Ada',
      customAttributes: { plan: 'free' },
      extensions: { memberships: [{ organizationId: 'org_2', role: 'member' }] },
    });
  });

  it('host routes read the declared fields from the principal, typed', async () => {
    const member = await signUp(http, { customAttributes: { plan: 'pro' } });
    const dashboard = await http.get('/dashboard').set(bearer(member.accessToken)).expect(200);
    expect(dashboard.body).toEqual({ companyId: null, plan: 'pro' });
  });

  it('cannot break the view: an error, an HttpException or a non-object gives extensions: null, logged', async () => {
    const member = await signUp(http);
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      for (const failure of ['error', 'http', 'array', 'nothing'] as const) {
        store.failure = failure;
        logged.mockClear();
        const me = await http.get('/me').set(bearer(member.accessToken)).expect(200);
        expect({ failure, extensions: me.body.extensions }).toEqual({ failure, extensions: null });
        expect(me.body.id).toBe(member.user.id);
        expect(logged).toHaveBeenCalledTimes(1);
        expect(String(logged.mock.calls[0][0])).toContain(`for user ${member.user.id}`);
      }
      expect(String(logged.mock.calls[0][0])).toContain('returned undefined');
    } finally {
      logged.mockRestore();
    }
    store.failure = 'error';
    const updated = await http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({ displayName: 'Still saved' })
      .expect(200);
    expect(updated.body).toMatchObject({ displayName: 'Still saved', extensions: null });
  });

  it('runs only for the self view: not for sign-up or a signed-out request', async () => {
    const before = store.calls;
    const email = uniqueEmail('quiet');
    const signedUp = await http
      .post('/auth/signup')
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    expect(signedUp.body.user).not.toHaveProperty('extensions');
    await http.get('/me').expect(401);
    expect(store.calls).toBe(before);
  });

  it('reaches the client SDK: user.extensions after reload(), typed by UserExtensions', async () => {
    const client = createUserKitClient({ baseUrl });
    const user = await client.signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD });
    store.byUser.set(user.id, [{ organizationId: 'org_3', role: 'owner' }]);
    await user.reload();
    const memberships: Membership[] | undefined = user.extensions?.memberships;
    expect(memberships).toEqual([{ organizationId: 'org_3', role: 'owner' }]);
    expect(client.user?.extensions?.companyId).toBeNull();
  });
});

describe('without a SelfViewExtension', () => {
  let host: BareHost;
  let http: Http;
  beforeAll(async () => {
    ({ host, http } = await startHost({ extension: false }));
  });
  afterAll(async () => {
    await host.close();
  });

  it('GET and PATCH /me answer as before, with no extensions key', async () => {
    const member = await signUp(http, { customAttributes: { plan: 'free' } });
    const me = await http.get('/me').set(bearer(member.accessToken)).expect(200);
    expect(me.body).not.toHaveProperty('extensions');
    expect(me.body.customAttributes).toEqual({ plan: 'free' });
    const updated = await http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({ displayName: 'Ada' })
      .expect(200);
    expect(updated.body).not.toHaveProperty('extensions');
  });
});
