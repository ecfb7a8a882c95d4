// An organization route in a host without the global guards: the organization guard signs the
// user in itself (one guard per route), and @CurrentOrganization() maps what the route reads.
import { Controller, Get } from '@nestjs/common';
import { UserModule } from '@userkit/user';
import {
  CurrentOrganization,
  Organization,
  OrgMember,
  OrgRoles,
  UserOrganizationsModule,
  type CurrentOrganizationMembership,
} from '@userkit/user/organizations';
import { startBareHost, type BareHost } from '../support/bare-host.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { bearer, signUp } from '../support/users.js';

@Controller('teams/:orgId')
class TeamController {
  @Get()
  @OrgMember()
  whole(@CurrentOrganization() current: CurrentOrganizationMembership): unknown {
    return current;
  }

  @Get('entity')
  @OrgRoles('admin')
  entity(@CurrentOrganization() current: CurrentOrganizationMembership): unknown {
    return {
      isEntity: current.organization instanceof Organization,
      name: current.organization.name,
      valuesName: current.organizationValues.name,
      role: current.role,
    };
  }
}

describe('an organization route without the global guards', () => {
  let host: BareHost;

  beforeAll(async () => {
    host = await startBareHost({
      userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
      imports: [UserOrganizationsModule.forRoot({})],
      controllers: [TeamController],
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('signs the user in itself: 401 without a token or with a bad one, 404 for an outsider', async () => {
    const owner = await signUp(host.http);
    const outsider = await signUp(host.http);
    const created = await host.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name: 'Alone' })
      .expect(201);
    const id = created.body.organization.id;
    const anonymous = await host.http.get(`/teams/${id}`).expect(401);
    expect(anonymous.body.code).toBe('NOT_SIGNED_IN');
    await host.http.get(`/teams/${id}`).set(bearer('not.a.token')).expect(401);
    const refused = await host.http
      .get(`/teams/${id}`)
      .set(bearer(outsider.accessToken))
      .expect(404);
    expect(refused.body.code).toBe('ORGANIZATION_NOT_FOUND');
    await host.http.get(`/teams/${id}/entity`).set(bearer(outsider.accessToken)).expect(404);

    const whole = await host.http.get(`/teams/${id}`).set(bearer(owner.accessToken)).expect(200);
    expect(whole.body).toMatchObject({
      organization: { id, name: 'Alone', slug: created.body.organization.slug },
      role: 'owner',
      permissions: ['*'],
    });
    const entity = await host.http
      .get(`/teams/${id}/entity`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(entity.body).toEqual({
      isEntity: true,
      name: 'Alone',
      valuesName: 'Alone',
      role: 'owner',
    });
  });
});
