// The body of a new post: JSON, or a multipart form with `foto` files and their `alt` texts (and a poll or a
// listing as one JSON text field each). Shared by timeline/group posts and posts in private groups.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { readLimitedBody } from '../lib/read-json.ts';
import { JSON_LIMIT, readJson } from './items.ts';

/** At most this many photos with one post. */
export const MAX_PHOTOS = 4;
const MAX_MULTIPART_BYTES = 4 * 10 * 1024 * 1024 + 64 * 1024;

/** The fields and photos of a new post, from a JSON body or a multipart form (with `foto` files and their `alt` texts). */
export async function readNewPost(c: Context<AppEnv>): Promise<{ fields: unknown; files: File[]; alts: string[] }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    const body = await readJson(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(422, 'ongeldige_invoer', 'Stuur een object met tekst en eventueel een groep.');
    return { fields: body, files: [], alts: [] };
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_MULTIPART_BYTES) throw new ApiError(413, 'te_groot', 'De foto’s zijn samen te groot.');
  const raw = await readLimitedBody(c.req.raw, MAX_MULTIPART_BYTES, JSON_LIMIT.tooLarge);
  let form: FormData;
  try {
    form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body: raw as Uint8Array<ArrayBuffer> }).formData();
  } catch {
    throw new ApiError(400, 'ongeldig_formulier', 'Het formulier kon niet worden gelezen.');
  }
  if (form.getAll('foto').some((f) => typeof f === 'string')) throw new ApiError(415, 'geen_foto', 'Een foto moet als bestand worden meegestuurd.');
  // A poll or a listing beside photos comes as one JSON text field each.
  const extra: Record<string, unknown> = {};
  for (const name of ['peiling', 'aanbod']) {
    const value = form.get(name);
    if (typeof value !== 'string' || !value) continue;
    try {
      extra[name] = JSON.parse(value);
    } catch {
      throw new ApiError(422, 'ongeldige_invoer', `${name}: moet een JSON-object zijn.`);
    }
  }
  return {
    fields: { tekst: form.get('tekst') ?? undefined, ...(form.get('groep') ? { groep: form.get('groep') } : {}), ...extra },
    files: form.getAll('foto').filter((f): f is File => typeof f !== 'string'),
    alts: form.getAll('alt').map(String),
  };
}
