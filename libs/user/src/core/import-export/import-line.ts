import type { JsonObject } from '../entities/user.entity.js';
import { importedHashFormat } from '../services/imported-hashes/imported-password-formats.js';
import { isValidEmail, normalizeEmail } from '../validation/email.js';
import { metadataProblem } from '../validation/json-metadata.js';
import { toE164 } from '../validation/phone-number.js';

/** One user of an import file, checked (see parseImportLine). */
export interface ImportLine {
  externalId: string;
  emails: Array<{ email: string; verified: boolean }>;
  phoneNumbers: Array<{ phoneNumber: string; verified: boolean }>;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  roles: string[] | null;
  publicMetadata: JsonObject;
  privateMetadata: JsonObject;
  unsafeMetadata: JsonObject;
  createdAt: Date | null;
  passwordHash: string | null;
}

/** Why a line is refused: its message names the field. */
export class ImportLineProblem extends Error {}

const ARGON2 =
  /^\$argon2(?:id|i)\$v=19\$m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** An argon2 hash whose cost a sign-in can bear (at most 256 MiB, 10 passes, 16 lanes). */
function isBearableArgon2(passwordHash: string): boolean {
  const match = ARGON2.exec(passwordHash);
  if (!match) return false;
  const [memory, passes, lanes] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return memory <= 262_144 && passes >= 1 && passes <= 10 && lanes >= 1 && lanes <= 16;
}
const FIELDS = new Set([
  'externalId',
  'emails',
  'phoneNumbers',
  'displayName',
  'firstName',
  'lastName',
  'picture',
  'roles',
  'publicMetadata',
  'privateMetadata',
  'unsafeMetadata',
  'createdAt',
  'passwordHash',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(line: Record<string, unknown>, field: string, max: number): string | null {
  const value = line[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max)
    throw new ImportLineProblem(`${field} must be a string of at most ${max} characters`);
  return value;
}

function list(line: Record<string, unknown>, field: string, max: number): unknown[] {
  const value = line[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max)
    throw new ImportLineProblem(`${field} must be an array of at most ${max} items`);
  return value;
}

function metadata(line: Record<string, unknown>, field: string): JsonObject {
  const value = line[field];
  if (value === undefined || value === null) return {};
  const problem = isObject(value) ? metadataProblem(value) : 'is not an object';
  if (problem) throw new ImportLineProblem(`${field} ${problem}`);
  return value as JsonObject;
}

function flag(item: Record<string, unknown>, field: string): boolean {
  const value = item.verified;
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new ImportLineProblem(`${field}[].verified must be a boolean`);
  return value;
}

/**
 * Reads one NDJSON line into a user to import, or throws an ImportLineProblem naming the field.
 * Unknown fields are refused, so a typo is not silently dropped.
 */
export function parseImportLine(raw: string): ImportLine {
  let line: unknown;
  try {
    line = JSON.parse(raw);
  } catch {
    throw new ImportLineProblem('The line is not valid JSON');
  }
  if (!isObject(line)) throw new ImportLineProblem('The line is not a JSON object');
  const unknown = Object.keys(line).filter((field) => !FIELDS.has(field));
  if (unknown.length > 0) throw new ImportLineProblem(`Unknown field: ${unknown.join(', ')}`);
  const externalId = text(line, 'externalId', 255);
  if (!externalId) throw new ImportLineProblem('externalId is required');
  const seen = new Set<string>();
  const emails = list(line, 'emails', 20).map((item) => {
    if (!isObject(item) || typeof item.email !== 'string' || !isValidEmail(item.email))
      throw new ImportLineProblem('emails[].email must be a valid email address');
    const normalized = normalizeEmail(item.email);
    if (seen.has(normalized)) throw new ImportLineProblem(`emails: ${item.email} is repeated`);
    seen.add(normalized);
    return { email: item.email, verified: flag(item, 'emails') };
  });
  const phoneNumbers = list(line, 'phoneNumbers', 20).map((item) => {
    const phoneNumber =
      isObject(item) && typeof item.phoneNumber === 'string' ? toE164(item.phoneNumber) : null;
    if (!phoneNumber || !isObject(item))
      throw new ImportLineProblem('phoneNumbers[].phoneNumber must be an E.164 phone number');
    return { phoneNumber, verified: flag(item, 'phoneNumbers') };
  });
  const roles =
    line.roles === undefined || line.roles === null
      ? null
      : list(line, 'roles', 50).map((role) => {
          if (typeof role !== 'string' || role.length === 0 || role.length > 64)
            throw new ImportLineProblem('roles must be role names');
          return role;
        });
  const created = text(line, 'createdAt', 40);
  const createdAt = created === null ? null : new Date(created);
  if (createdAt && Number.isNaN(createdAt.getTime()))
    throw new ImportLineProblem('createdAt must be an ISO 8601 date-time');
  const passwordHash = text(line, 'passwordHash', 1024);
  if (passwordHash !== null && !isBearableArgon2(passwordHash) && !importedHashFormat(passwordHash))
    throw new ImportLineProblem(
      'passwordHash is in no known format (bcrypt, argon2id/argon2i, scrypt, Firebase scrypt, PBKDF2-SHA256) or costs more than a sign-in can bear',
    );
  const picture = text(line, 'picture', 2048);
  if (picture !== null && !/^https?:\/\//.test(picture))
    throw new ImportLineProblem('picture must be an http(s) URL');
  return {
    externalId,
    emails,
    phoneNumbers,
    displayName: text(line, 'displayName', 200),
    firstName: text(line, 'firstName', 200),
    lastName: text(line, 'lastName', 200),
    picture,
    roles: roles ? [...new Set(roles)] : null,
    publicMetadata: metadata(line, 'publicMetadata'),
    privateMetadata: metadata(line, 'privateMetadata'),
    unsafeMetadata: metadata(line, 'unsafeMetadata'),
    createdAt,
    passwordHash,
  };
}
