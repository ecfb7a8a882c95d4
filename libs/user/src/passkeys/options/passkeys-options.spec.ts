import { resolvePasskeysOptions } from './passkeys-options.js';

const CORE = { publicUrl: 'https://app.example.com/api', tokenIssuer: 'acme' };

describe('resolvePasskeysOptions', () => {
  it("defaults to publicUrl's host and origin, and tokenIssuer's name", () => {
    expect(resolvePasskeysOptions({}, CORE)).toEqual({
      rpID: 'app.example.com',
      rpName: 'acme',
      origins: ['https://app.example.com'],
    });
  });

  it('takes a parent domain as RP ID for origins under it', () => {
    expect(
      resolvePasskeysOptions(
        {
          rpID: 'example.com',
          rpName: 'Acme',
          origins: ['https://App.example.com:443', 'https://example.com/'],
        },
        CORE,
      ),
    ).toEqual({
      rpID: 'example.com',
      rpName: 'Acme',
      origins: ['https://app.example.com', 'https://example.com'],
    });
  });

  it.each([
    [{ rpID: 'other.com' }, 'the origin https://app.example.com is not on the rpID other.com'],
    [{ rpID: 'https://example.com' }, 'rpID must be a host name'],
    [{ rpID: 'example.com:443' }, 'rpID must be a host name'],
    [{ origins: [] }, 'origins must be a non-empty array'],
    [{ origins: ['ftp://example.com'] }, 'origins[0] must be an http(s) URL'],
    [{ origins: ['not a url'] }, 'origins[0] must be a URL'],
    [{ origins: ['https://app.example.com/login'] }, 'origins[0] must be an origin alone'],
    [{ origins: ['https://app.example.com?x=1'] }, 'origins[0] must be an origin alone'],
    [{ rpName: '' }, 'rpName must be a non-empty string'],
  ])('refuses %j at start-up', (options, message) => {
    expect(() => resolvePasskeysOptions(options, CORE)).toThrow(message);
  });

  it('needs origins when UserModule has no publicUrl', () => {
    expect(() => resolvePasskeysOptions({}, { tokenIssuer: 'acme' })).toThrow(
      'origins are needed when UserModule has no publicUrl',
    );
    expect(
      resolvePasskeysOptions({ origins: ['http://localhost:5173'] }, { tokenIssuer: 'acme' }),
    ).toEqual({ rpID: 'localhost', rpName: 'acme', origins: ['http://localhost:5173'] });
  });
});
