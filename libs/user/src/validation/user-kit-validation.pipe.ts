import { BadRequestException, ValidationPipe } from '@nestjs/common';

/**
 * The library's controllers validate with their own pipe, so the host's global pipe (or its
 * absence) cannot loosen them: unknown fields are refused, not silently stripped.
 */
export function createUserKitValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException(
        errors.flatMap((error) => flattenConstraints(error)).filter((message) => message.length > 0),
      ),
  });
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenConstraints(error: ValidationErrorLike, prefix = ''): string[] {
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) =>
    prefix ? `${path}: ${message}` : message,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => flattenConstraints(child, path))];
}
