import type { PrincipalWithFields, UserResponseWithFields } from './user-field-types.js';
import { resolveFieldOptions } from './resolve-field-options.js';
import { defineUserFields, type UserFieldValues } from './user-fields.js';

/** Compiles only when the two types are the same (checked by `npm run typecheck`). */
type Equal<Left, Right> =
  (<T>() => T extends Left ? 1 : 2) extends <T>() => T extends Right ? 1 : 2 ? true : false;
const same = <Left, Right>(proof: Equal<Left, Right>) => proof;

const fields = defineUserFields({
  companyId: { type: 'string', access: { endUser: 'readonly' } },
  plan: {
    type: 'enum',
    values: ['free', 'pro'],
    access: { endUser: 'editable', bearer: 'readonly' },
  },
  seats: { type: 'integer', min: 1 },
});

describe('declared fields: types', () => {
  it('types each value from its declaration, and what each party may read', () => {
    same<
      UserFieldValues<typeof fields>,
      { companyId?: string; plan?: 'free' | 'pro'; seats?: number }
    >(true);
    same<UserFieldValues<typeof fields, 'endUser'>, { companyId?: string; plan?: 'free' | 'pro' }>(
      true,
    );
    same<UserFieldValues<typeof fields, 'bearer'>, { plan?: 'free' | 'pro' }>(true);
    same<PrincipalWithFields<typeof fields>['fields']['plan'], 'free' | 'pro' | undefined>(true);
    same<
      NonNullable<UserResponseWithFields<typeof fields>['customAttributes']>['companyId'],
      string | undefined
    >(true);
    // Attributes admins define at run time stay readable, untyped.
    same<
      NonNullable<UserResponseWithFields<typeof fields>['customAttributes']>['loyalty_tier'],
      unknown
    >(true);
  });
});

describe('declared fields: options', () => {
  it('resolves declarations into schema attributes with the default access', () => {
    const problems: string[] = [];
    expect(resolveFieldOptions(fields, problems)).toEqual([
      {
        name: 'companyId',
        type: 'string',
        validation: {},
        access: { admin: 'editable', bearer: 'hidden', endUser: 'readonly' },
        order: 0,
        searchable: false,
        label: null,
      },
      {
        name: 'plan',
        type: 'enum',
        validation: { enum: ['free', 'pro'] },
        access: { admin: 'editable', bearer: 'readonly', endUser: 'editable' },
        order: 0,
        searchable: false,
        label: null,
      },
      {
        name: 'seats',
        type: 'integer',
        validation: { min: 1 },
        access: { admin: 'editable', bearer: 'hidden', endUser: 'hidden' },
        order: 0,
        searchable: false,
        label: null,
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('takes a label and the required rule', () => {
    const problems: string[] = [];
    const [resolved] = resolveFieldOptions(
      { tier: { type: 'enum', values: ['a', 'b'], label: 'Support tier', required: true } },
      problems,
    );
    expect(problems).toEqual([]);
    expect(resolved).toMatchObject({
      label: 'Support tier',
      validation: { enum: ['a', 'b'], required: true },
    });
    const refused: string[] = [];
    resolveFieldOptions(
      {
        blank: { type: 'string', label: '  ' },
        long: { type: 'string', label: 'x'.repeat(101) },
        yes: { type: 'string', required: 'yes' },
      } as never,
      refused,
    );
    expect(refused).toEqual([
      'fields.blank.label must be a text of 1 to 100 characters',
      'fields.long.label must be a text of 1 to 100 characters',
      'fields.yes.required must be a boolean',
    ]);
  });

  it('names every problem of a bad declaration', () => {
    const problems: string[] = [];
    const resolved = resolveFieldOptions(
      {
        CompanyId: { type: 'string' },
        given_name: { type: 'string' },
        plan: { type: 'enum', values: [] },
        tier: { type: 'enum' },
        size: { type: 'string', min: 3 },
        score: { type: 'number', min: 5, max: 1 },
        color: { type: 'colour' },
        level: { type: 'string', access: { endUser: 'writable' } },
        rank: { type: 'integer', order: 1.5 },
      } as never,
      problems,
    );
    expect(resolved).toEqual([]);
    expect(problems).toEqual([
      expect.stringContaining('fields.CompanyId: a field name is letters, digits and underscores'),
      "fields.given_name: given_name is an OIDC standard attribute, not a field of the host's",
      'fields.plan.values must list the allowed values for type enum',
      'fields.tier.values must list the allowed values of type enum',
      'fields.size.min does not apply to type string (allowed: minLength, maxLength, pattern)',
      'fields.score.min must not be greater than max',
      expect.stringContaining('fields.color.type must be one of string, number'),
      'fields.level.access.endUser must be "hidden", "readonly" or "editable" for admin, bearer or endUser',
      'fields.rank.order must be an integer from -1000000 to 1000000',
    ]);
  });
});
