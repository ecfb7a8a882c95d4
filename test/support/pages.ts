// Reading what the prebuilt pages' routes answer: their rendered config and the refresh cookie.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The pages' index.html must exist for their <meta> config to be rendered: built here when
 * `npm run build` has not run (jest runs one suite at a time, so nobody reads it meanwhile).
 */
export function ensureUiBuilt(): void {
  if (!existsSync('dist/libs/user/pages/public/index.html'))
    execFileSync(process.execPath, ['scripts/build-ui.js'], { stdio: 'ignore' });
}

/** What the server wrote into <meta name="userkit-config"> (attribute-escaped JSON). */
export function pageConfig(html: string): Record<string, unknown> {
  const match = /<meta name="userkit-config" content="([^"]*)"/.exec(html);
  if (!match) throw new Error(`no userkit-config meta in ${html.slice(0, 300)}`);
  return JSON.parse(match[1].replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<
    string,
    unknown
  >;
}

/** The `userkit_refresh` Set-Cookie line of a response. */
export function refreshSetCookie(headers: Record<string, unknown>): string {
  const lines = ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []);
  const line = lines.find((entry) => entry.startsWith('userkit_refresh='));
  if (!line) throw new Error(`no userkit_refresh cookie in ${JSON.stringify(lines)}`);
  return line;
}
