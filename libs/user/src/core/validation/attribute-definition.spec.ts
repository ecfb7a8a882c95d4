import { defaultAttributeLabel, validationProblems } from './attribute-definition.js';

describe('attribute definitions', () => {
  it.each([
    ['my_string', 'My String'],
    ['given_name', 'Given Name'],
    ['name', 'Name'],
    ['zoneinfo', 'Zoneinfo'],
    ['companyId', 'Company Id'],
    ['ip_v4_address', 'Ip V4 Address'],
    ['a__b', 'A B'],
  ])('labels %p as %p by default (Title Case, split at underscores)', (name, label) => {
    expect(defaultAttributeLabel(name)).toBe(label);
  });

  it('allows the required rule on every type, beside the type’s own rules', () => {
    expect(validationProblems('string', { required: true, maxLength: 3 })).toEqual([]);
    expect(validationProblems('country_code', { required: true })).toEqual([]);
    expect(validationProblems('phone', { required: true, min: 1 })).toEqual([
      'validation.min does not apply to type phone (allowed: required)',
    ]);
  });
});
