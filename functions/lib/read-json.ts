// Reading a JSON request body within a size limit, whatever Content-Length claims: 415, 413 or 400 otherwise.
import { ApiError } from './api-error.ts';

/** Reads at most `limit` bytes of a body; more is a 413 with `tooLarge` as its message. */
export async function readLimitedBody(request: Request, limit: number, tooLarge: string): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw new ApiError(413, 'te_groot', tooLarge);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client hung up mid-body (or sent a broken chunked body): its mistake, not a server error.
      throw new ApiError(400, 'onvolledig', 'Het bericht kwam niet volledig aan. Probeer het opnieuw.');
    }
    const { done, value } = next;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, 'te_groot', tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a UTF-8 JSON body of at most `limit` bytes. */
export async function readJsonBody(request: Request, limit: number, tooLarge: string): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) throw new ApiError(415, 'verkeerd_type', 'Stuur de gegevens als JSON (Content-Type: application/json).');
  const raw = await readLimitedBody(request, limit, tooLarge);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new ApiError(400, 'ongeldige_json', 'De gegevens zijn geen geldige JSON.');
  }
}
