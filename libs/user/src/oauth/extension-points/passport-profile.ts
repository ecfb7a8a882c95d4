/**
 * The profile a passport strategy hands over (passport's `Profile`, written out here so the
 * library's types need no `@types/passport`): the fields every strategy fills, and the provider's
 * raw JSON in `_json`.
 */
export interface PassportProfile {
  provider: string;
  id: string;
  displayName: string;
  username?: string;
  name?: { familyName?: string; givenName?: string; middleName?: string };
  emails?: Array<{ value: string; type?: string; [field: string]: unknown }>;
  photos?: Array<{ value: string }>;
  /** The provider's JSON, untrusted: typed loosely as passport's strategies do. */
  _json?: any;
  _raw?: string;
}
