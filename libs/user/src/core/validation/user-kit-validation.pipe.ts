import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { inputShapeProblem } from './input-shape.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { findForbiddenKey } from './json-metadata.js';

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * The library's controllers validate with their own pipe, so the host's global pipe (or its
 * absence) cannot loosen them: unknown fields are refused, not silently stripped.
 */
export class UserKitValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) =>
        new UserKitException(
          'VALIDATION_FAILED',
          errors.flatMap((error) => flattenConstraints(error)).filter(Boolean),
        ),
    });
  }

  /**
   * Every body and query is bounded and checked as text before class-transformer sees it (it
   * recurses, and would overflow the stack on deep input), whatever the DTO declares.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = inputShapeProblem(value);
      if (problem) throw new UserKitException('VALIDATION_FAILED', [problem]);
    }
    return super.transform(value, metadata);
  }

  /** Nest strips prototype keys silently; the API refuses them instead, saying where they are. */
  protected override stripProtoKeys(value: unknown): void {
    const forbidden = findForbiddenKey(value);
    if (forbidden)
      throw new UserKitException('VALIDATION_FAILED', [
        `the key "${forbidden.split(/[.[]/).pop()}" is not allowed (at ${forbidden})`,
      ]);
  }
}

export function createUserKitValidationPipe(): ValidationPipe {
  return new UserKitValidationPipe();
}

function flattenConstraints(error: ValidationErrorLike, prefix = ''): string[] {
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) =>
    prefix ? `${path}: ${message}` : message,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => flattenConstraints(child, path))];
}
