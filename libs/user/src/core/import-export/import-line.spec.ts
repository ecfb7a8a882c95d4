import { ImportLineProblem, parseImportLine } from './import-line.js';

const problem = (raw: string): string => {
  try {
    parseImportLine(raw);
  } catch (error) {
    if (error instanceof ImportLineProblem) return error.message;
    throw error;
  }
  throw new Error('the line was accepted');
};

describe('parseImportLine', () => {
  it('reads a full line: the first email primary, E.164 phones, repeated roles once', () => {
    const line = parseImportLine(
      JSON.stringify({
        externalId: 'u-1',
        emails: [{ email: 'Ada@Example.com', verified: true }, { email: 'ada@work.example' }],
        phoneNumbers: [{ phoneNumber: '+1 415 555 0123', verified: true }],
        roles: ['user', 'user'],
        createdAt: '2019-03-04T05:06:07Z',
        publicMetadata: { plan: 'pro' },
        passwordHash: '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
      }),
    );
    expect(line).toMatchObject({
      externalId: 'u-1',
      emails: [
        { email: 'Ada@Example.com', verified: true },
        { email: 'ada@work.example', verified: false },
      ],
      phoneNumbers: [{ phoneNumber: '+14155550123', verified: true }],
      roles: ['user'],
      publicMetadata: { plan: 'pro' },
      privateMetadata: {},
      displayName: null,
    });
    expect(line.createdAt?.toISOString()).toBe('2019-03-04T05:06:07.000Z');
  });

  it('null roles mean the default role; no emails is allowed', () => {
    expect(parseImportLine('{"externalId":"u-2"}')).toMatchObject({ roles: null, emails: [] });
  });

  it.each([
    ['not JSON', '{', /JSON/],
    ['not an object', '"text"', /object/],
    ['no externalId', '{}', /externalId/],
    ['an unknown field', '{"externalId":"x","nickname":"y"}', /nickname/],
    ['a bad email', '{"externalId":"x","emails":[{"email":"nope"}]}', /email/],
    [
      'a repeated email',
      '{"externalId":"x","emails":[{"email":"a@example.com"},{"email":"A@example.com"}]}',
      /repeated/,
    ],
    [
      'a non-boolean flag',
      '{"externalId":"x","emails":[{"email":"a@example.com","verified":"yes"}]}',
      /verified/,
    ],
    ['a bad phone', '{"externalId":"x","phoneNumbers":[{"phoneNumber":"12"}]}', /E\.164/],
    ['a bad date', '{"externalId":"x","createdAt":"yesterday"}', /createdAt/],
    ['an unknown hash', '{"externalId":"x","passwordHash":"md5$abc"}', /passwordHash/],
    [
      'an argon2 hash costing 4 GiB',
      '{"externalId":"x","passwordHash":"$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"}',
      /passwordHash/,
    ],
    ['metadata not an object', '{"externalId":"x","publicMetadata":[1]}', /publicMetadata/],
    ['a picture not http(s)', '{"externalId":"x","picture":"javascript:alert(1)"}', /picture/],
    ['a too long name', `{"externalId":"x","firstName":"${'a'.repeat(201)}"}`, /firstName/],
  ])('refuses %s, naming the field', (_, raw, message) => {
    expect(problem(raw)).toMatch(message);
  });
});
