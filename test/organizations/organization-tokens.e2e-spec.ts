import { OrmContext, UserModule } from '@userkit/user';
import { OrganizationMembersService } from '@userkit/user/organizations';
import {
  UserTokenTemplatesModule,
  type UserTokenTemplatesOptions,
} from '@userkit/user/token-templates';
import { startBareHost } from '../support/bare-host.js';
import { verifyWithJwks } from '../support/jwks.js';
import {
  startTestApp,
  TEST_JWT_SECRET,
  TEST_TOKEN_SIGNING_KEY,
  type TestApp,
} from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';
import type { Http } from '../support/http.js';

const templates: UserTokenTemplatesOptions['templates'] = {
  team: {
    claims: { email: 'email', org_id: 'org.id', org_role: 'org.role', org_slug: 'org.slug' },
  },
  computed: {
    claims: (user) => ({ workspace: user.org ? `${user.org.slug}:${user.org.role}` : 'none' }),
  },
};

let slugCounter = 0;
function uniqueSlug(): string {
  slugCounter += 1;
  return `tokens-${Date.now().toString(36)}-${slugCounter}`;
}

async function templateClaims(http: Http, accessToken: string, template = 'team') {
  const response = await http.get(`/me/tokens/${template}`).set(bearer(accessToken)).expect(200);
  return verifyWithJwks(http, response.body.jwt, { issuer: 'userkit' });
}

describe("token templates: the session's active organization as org.id, org.role, org.slug", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { tokenTemplates: templates } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function createOrganization(owner: SignedUp) {
    const slug = uniqueSlug();
    const response = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name: 'Token team', slug })
      .expect(201);
    return response.body.organization as { id: string; slug: string };
  }

  async function setActive(accessToken: string, organizationId: string | null) {
    await t.http
      .put('/me/session/organization')
      .set(bearer(accessToken))
      .send({ organizationId })
      .expect(200);
  }

  it('has no org claims until the session picks an organization, then follows each change', async () => {
    const owner = await signUp(t.http);
    const first = await createOrganization(owner);
    const second = await createOrganization(owner);

    const before = await templateClaims(t.http, owner.accessToken);
    expect(before.email).toBe(owner.email);
    expect(before).not.toHaveProperty('org_id');
    expect(before).not.toHaveProperty('org_role');
    expect((await templateClaims(t.http, owner.accessToken, 'computed')).workspace).toBe('none');

    await setActive(owner.accessToken, first.id);
    expect(await templateClaims(t.http, owner.accessToken)).toMatchObject({
      org_id: first.id,
      org_role: 'owner',
      org_slug: first.slug,
    });
    expect((await templateClaims(t.http, owner.accessToken, 'computed')).workspace).toBe(
      `${first.slug}:owner`,
    );

    await setActive(owner.accessToken, second.id);
    expect(await templateClaims(t.http, owner.accessToken)).toMatchObject({
      org_id: second.id,
      org_slug: second.slug,
    });

    // Another session of the same user has its own (none).
    const login = await t.http
      .post('/auth/login')
      .send({ email: owner.email, password: owner.password })
      .expect(200);
    expect(await templateClaims(t.http, login.body.accessToken)).not.toHaveProperty('org_id');

    await setActive(owner.accessToken, null);
    expect(await templateClaims(t.http, owner.accessToken)).not.toHaveProperty('org_id');
  });

  it("carries a member's own role, and drops the organization once the membership ends", async () => {
    const owner = await signUp(t.http);
    const member = await signUp(t.http);
    const organization = await createOrganization(owner);
    await t.app
      .get(OrmContext)
      .run(() =>
        t.app.get(OrganizationMembersService).add(organization.id, member.user.id, 'member'),
      );
    await setActive(member.accessToken, organization.id);
    expect(await templateClaims(t.http, member.accessToken)).toMatchObject({
      org_id: organization.id,
      org_role: 'member',
    });

    await t.http
      .patch(`/organizations/${organization.id}/members/${member.user.id}`)
      .set(bearer(owner.accessToken))
      .send({ role: 'admin' })
      .expect(200);
    expect((await templateClaims(t.http, member.accessToken)).org_role).toBe('admin');

    await t.http
      .delete(`/organizations/${organization.id}/members/${member.user.id}`)
      .set(bearer(owner.accessToken))
      .expect(204);
    expect(await templateClaims(t.http, member.accessToken)).not.toHaveProperty('org_id');
  });
});

describe('token templates without UserOrganizationsModule', () => {
  it('leave the org claims out and issue the rest', async () => {
    const host = await startBareHost({
      userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
      imports: [
        UserTokenTemplatesModule.forRoot({ templates, signingKey: TEST_TOKEN_SIGNING_KEY }),
      ],
    });
    try {
      const member = await signUp(host.http);
      const claims = await templateClaims(host.http, member.accessToken);
      expect(claims.email).toBe(member.email);
      expect(claims).not.toHaveProperty('org_id');
      expect((await templateClaims(host.http, member.accessToken, 'computed')).workspace).toBe(
        'none',
      );
      await host.http.get('/me/session/organization').set(bearer(member.accessToken)).expect(404);
    } finally {
      await host.close();
    }
  });
});
