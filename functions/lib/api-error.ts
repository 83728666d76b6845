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
