import { Inject, Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';

/** ~49,000 most common passwords, kept by the zxcvbn-ts project. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()),
);

/** Shorter local parts ("a@x.io") would refuse half of all passwords without adding safety. */
const MIN_LOCAL_PART_TO_CHECK = 3;

/** NIST SP 800-63B: length and a blocklist, no composition rules. */
@Injectable()
export class PasswordPolicyService {
  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {}

  /** Lists what is wrong with a password; empty when it is acceptable. */
  problems(password: string, email?: string | null): string[] {
    const problems: string[] = [];
    const length = [...password].length;
    if (length < this.options.passwordMinLength) {
      problems.push(`password must be at least ${this.options.passwordMinLength} characters`);
    }
    if (length > this.options.passwordMaxLength) {
      problems.push(`password must be at most ${this.options.passwordMaxLength} characters`);
    }
    const lowered = password.toLowerCase();
    if (COMMON_PASSWORDS.has(lowered))
      problems.push('password is too common; choose a less predictable one');
    const localPart = email?.trim().toLowerCase().split('@')[0] ?? '';
    if (localPart.length >= MIN_LOCAL_PART_TO_CHECK && lowered.includes(localPart)) {
      problems.push('password must not contain the email address');
    }
    return problems;
  }

  assertAcceptable(password: string, email?: string | null): void {
    const problems = this.problems(password, email);
    if (problems.length > 0) throw new UserKitException('WEAK_PASSWORD', problems);
  }
}
