// The one error type of the API: an HTTP status, a stable code and a Dutch message for the UI.

/** Thrown by handlers; the app turns it into `{ "error": { "code", "message" } }` with `status`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** The JSON body of an error response. */
export function toErrorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message } };
}

/** Throws the 422 for input that failed its schema: the first problem, named by the field it is about. */
export function throwInvalidInput(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): never {
  const first = error.issues[0];
  throw new ApiError(422, 'ongeldige_invoer', `${first.path.length ? `${first.path.map(String).join('.')}: ` : ''}${first.message}`);
}
