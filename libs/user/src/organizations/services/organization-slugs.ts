import { randomBytes } from 'node:crypto';

/** A slug: lower-case letters and digits in words joined by single hyphens, 2 to 64 characters. */
export const ORGANIZATION_SLUG_PATTERN = /^(?=.{2,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug made from the name (`Acme Café, Inc.` → `acme-cafe-inc`), when none was given. */
export function slugFromName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return words.length >= 2 ? words : `org-${words || randomSuffix()}`;
}

/** The name's slug was taken: the same words and a short random suffix. */
export function withRandomSuffix(slug: string): string {
  return `${slug.slice(0, 55)}-${randomSuffix()}`;
}

function randomSuffix(): string {
  return randomBytes(4).toString('hex').slice(0, 6);
}
