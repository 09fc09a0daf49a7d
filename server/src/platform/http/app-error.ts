import { ERROR_CODES, type ErrorCode } from '../../../../shared/error-codes.ts';

/** The one error type of the server: a known code, a Chinese message and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CODES[code].message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** Out of scope, confidential or missing: answer 404 so that existence is not revealed (ADR 0002). */
export function notFound(what?: string): never {
  throw new AppError('not_found', what ? `找不到该${what}，或您无权查看。` : undefined);
}

/** In scope but not allowed: 403. */
export function forbidden(message?: string): never {
  throw new AppError('forbidden', message);
}
