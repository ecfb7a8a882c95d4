import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { textProblem } from '../../core/validation/input-shape.js';
import type { CallerClaimRule, TokenTemplateUser } from '../options/token-template-options.js';

/** The `claims` query parameter: a JSON object of at most this many characters. */
export const CALLER_CLAIMS_MAX_CHARS = 4096;
const STRING_MAX = 1024;
const ITEMS_MAX = 100;
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** Checks a template's caller claim rules at start; `nameProblem` says what its preset forbids. */
export function checkCallerClaimRules(
  prefix: string,
  rules: Record<string, CallerClaimRule> | undefined,
  problems: string[],
  nameProblem: (name: string) => string | null,
): void {
  if (rules === undefined) return;
  if (rules === null || typeof rules !== 'object') {
    problems.push(`${prefix}.callerClaims must be an object of rules by claim name`);
    return;
  }
  for (const [name, rule] of Object.entries(rules)) {
    const at = `${prefix}.callerClaims.${name}`;
    const problem = CLAIM_NAME.test(name) ? nameProblem(name) : `must match ${CLAIM_NAME}`;
    if (problem) problems.push(`${at}: ${problem}`);
    const type = (rule as { type?: unknown } | null)?.type;
    if (!['string', 'number', 'integer', 'boolean', 'string[]'].includes(type as string)) {
      problems.push(`${at}.type must be string, number, integer, boolean or string[]`);
      continue;
    }
    if (rule.type === 'string' || rule.type === 'string[]') {
      if (rule.maxLength !== undefined && !isCount(rule.maxLength, STRING_MAX))
        problems.push(`${at}.maxLength must be an integer from 1 to ${STRING_MAX}`);
      if (rule.pattern !== undefined && (!(rule.pattern instanceof RegExp) || rule.pattern.global))
        problems.push(`${at}.pattern must be a RegExp without the g flag`);
    }
    if (
      rule.type === 'string[]' &&
      rule.maxItems !== undefined &&
      !isCount(rule.maxItems, ITEMS_MAX)
    )
      problems.push(`${at}.maxItems must be an integer from 1 to ${ITEMS_MAX}`);
  }
}

function isCount(value: unknown, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

function invalid(message: string): never {
  throw new UserKitException('TOKEN_CLAIMS_INVALID', message);
}

function checkString(
  name: string,
  value: unknown,
  rule: Extract<CallerClaimRule, { maxLength?: number }>,
): void {
  if (typeof value !== 'string') invalid(`${name} must be a string`);
  const problem = textProblem(value);
  if (problem) invalid(`${name} ${problem}`);
  if (value.length > (rule.maxLength ?? 256))
    invalid(`${name} must be at most ${rule.maxLength ?? 256} characters`);
  if (rule.enum && !rule.enum.includes(value))
    invalid(`${name} must be one of ${rule.enum.join(', ')}`);
  if (rule.pattern && !rule.pattern.test(value)) invalid(`${name} must match ${rule.pattern}`);
}

function checkValue(name: string, value: unknown, rule: CallerClaimRule): void {
  switch (rule.type) {
    case 'string':
      return checkString(name, value, rule);
    case 'string[]': {
      const maxItems = rule.maxItems ?? 20;
      if (!Array.isArray(value) || value.length > maxItems)
        invalid(`${name} must be an array of at most ${maxItems} strings`);
      value.forEach((item, index) => checkString(`${name}[${index}]`, item, rule));
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') invalid(`${name} must be true or false`);
      return;
    default: {
      if (typeof value !== 'number' || !Number.isFinite(value)) invalid(`${name} must be a number`);
      if (rule.type === 'integer' && !Number.isSafeInteger(value))
        invalid(`${name} must be an integer`);
      if (rule.minimum !== undefined && value < rule.minimum)
        invalid(`${name} must be at least ${rule.minimum}`);
      if (rule.maximum !== undefined && value > rule.maximum)
        invalid(`${name} must be at most ${rule.maximum}`);
    }
  }
}

/**
 * The caller's extra claims (`?claims=` JSON), each checked against the template's rule: a claim
 * the template does not allow, or a value outside its rule, is a 400 — never silently dropped.
 */
export function readCallerClaims(
  raw: string | undefined,
  rules: Record<string, CallerClaimRule> | undefined,
  user: TokenTemplateUser,
): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  if (raw.length > CALLER_CLAIMS_MAX_CHARS)
    invalid(`claims must be at most ${CALLER_CLAIMS_MAX_CHARS} characters of JSON`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    invalid('claims must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    invalid('claims must be a JSON object');
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const rule = rules && Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) {
      const printable = textProblem(name) ? 'a claim' : `"${name.slice(0, 64)}"`;
      invalid(`${printable} is not a claim this template lets callers set`);
    }
    checkValue(name, value, rule);
    if (rule.check && !rule.check(value, user)) invalid(`${name} is not allowed for this user`);
    claims[name] = value;
  }
  return claims;
}
