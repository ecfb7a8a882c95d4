/** The body of an API error, in Nest's shape plus the library's stable `code`. */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  code?: string;
}

/**
 * Every failure of the client: an HTTP error of the API (`status`, `code` from the error
 * catalogue or derived from the status, the API's message), or a network failure (`status` 0).
 */
export class UserKitError extends Error {
  override readonly name = 'UserKitError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The messages of a 400 listing several problems, else the one message. */
    readonly messages: string[] = [message],
    readonly body?: unknown,
  ) {
    super(message);
  }

  static async fromResponse(response: Response): Promise<UserKitError> {
    const body = (await response.json().catch(() => ({}))) as ApiErrorBody;
    const messages = Array.isArray(body.message)
      ? body.message
      : [body.message ?? body.error ?? response.statusText ?? `HTTP ${response.status}`];
    const code = body.code ?? codeOfStatus(response.status, body.error);
    return new UserKitError(response.status, code, messages.join('; '), messages, body);
  }
}

/** Errors without a catalogue code get one from their status: 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE'. */
function codeOfStatus(status: number, reason: string | undefined): string {
  if (reason) return reason.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return `HTTP_${status}`;
}
