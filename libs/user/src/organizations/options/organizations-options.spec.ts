import {
  slugFromName,
  withRandomSuffix,
  ORGANIZATION_SLUG_PATTERN,
} from '../services/organization-slugs.js';
import {
  permissionsOf,
  resolveOrganizationsOptions,
  roleHasPermission,
} from './organizations-options.js';

describe('resolveOrganizationsOptions', () => {
  it('the built-in roles, with the options adding roles and permissions to admin and member', () => {
    const options = resolveOrganizationsOptions({
      roles: { billing: ['invoices:read'], admin: ['projects:write'], member: ['projects:read'] },
    });
    expect(permissionsOf(options, 'owner')).toEqual(['*']);
    expect(permissionsOf(options, 'admin')).toEqual([
      'organization:update',
      'members:manage',
      'invitations:manage',
      'projects:write',
    ]);
    expect(permissionsOf(options, 'member')).toEqual(['projects:read']);
    expect(permissionsOf(options, 'billing')).toEqual(['invoices:read']);
    expect(roleHasPermission(options, 'owner', 'anything:at-all')).toBe(true);
    expect(roleHasPermission(options, 'billing', 'projects:write')).toBe(false);
    expect(roleHasPermission(options, 'unknown', 'invoices:read')).toBe(false);
    expect(options.routeParam).toBe('orgId');
    expect(options.invitationUrl).toBeNull();
  });

  it('refuses at start what it cannot use, naming each problem', () => {
    expect(() =>
      resolveOrganizationsOptions({
        roles: { owner: ['x:y'], 'Bad Name': ['x:y'], wild: ['*'], loose: 'x' as never },
        routeParam: 'org-id',
        invitationUrl: 'ftp://example.com/accept',
      }),
    ).toThrow(
      /roles\.owner cannot be changed[\s\S]*roles\.Bad Name[\s\S]*roles\.wild must be[\s\S]*roles\.loose must be[\s\S]*routeParam[\s\S]*invitationUrl/,
    );
  });
});

describe('organization slugs', () => {
  it('made from the name: lower-case words joined by hyphens, accents dropped', () => {
    expect(slugFromName('  Acme Café, Inc.  ')).toBe('acme-cafe-inc');
    expect(slugFromName('x')).toBe('org-x');
    expect(slugFromName('日本')).toMatch(/^org-[a-f0-9]{6}$/);
    const long = slugFromName('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(48);
    for (const slug of [slugFromName('A  --  B'), withRandomSuffix('x'.repeat(64)), long])
      expect(slug).toMatch(ORGANIZATION_SLUG_PATTERN);
  });
});
