// A colleague's own profile: the fields they keep themselves (over mij, vraag me over, whether their phone number and
// photo show). Everything else in content/collegas/<id>.yml comes from HR (the import) or an editor and is kept
// byte for byte: the file is edited as a YAML document, so comments and order stay.
//   GET   /api/profiel   one's own editable fields, fresh from the store (never cached)
//   PATCH /api/profiel   { overMij?, vraagMeOver?, telefoonZichtbaar?, fotoToestemming? } — a commit by the colleague
import { Hono } from 'hono';
import { parseDocument } from 'yaml';
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import { personSchema, type Person } from '../../src/schemas/person.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { authorOf, JSON_LIMIT } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson } from '../lib/validate.ts';
import { profileInput } from './input.ts';

const LOGIN = 'Log in om je profiel te bewerken.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The editable part of a profile, as the API answers it. */
const view = (p: Person) => ({ overMij: p.about ?? null, vraagMeOver: p.askMeAbout, telefoonZichtbaar: p.phoneVisible, fotoToestemming: p.photoConsent });

/** Builds the profile routes. */
export function createProfileRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  /** One's own profile file and its checked contents; 404 when this login has none, 409 when it no longer fits. */
  async function ownProfile(who: Identity): Promise<{ path: string; text: string; person: Person }> {
    const [path] = deps.paths.entryFiles('collegas', who.personId) ?? [];
    const text = path ? await deps.store.read(path) : undefined;
    if (!path || !text) throw new ApiError(404, 'profiel_onbekend', 'Er is geen profiel van jou op Plein. Vraag de redactie om je toe te voegen.');
    const parsed = personSchema.safeParse(parseYamlFile(text));
    if (!parsed.success) throw new ApiError(409, 'onleesbaar', 'Je profiel kan nu niet worden aangepast; de redactie kijkt ernaar.');
    return { path, text, person: parsed.data };
  }

  app.get('/api/profiel', requireLogin(LOGIN), async (c) => {
    const { person } = await ownProfile(identityOf(c, LOGIN));
    return c.json(view(person), 200, NO_STORE);
  });

  app.patch('/api/profiel', requireLogin(LOGIN), validJson(profileInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const input = c.req.valid('json');
    const { path, text } = await ownProfile(who);
    const doc = parseDocument(text);
    const setOrDelete = (key: string, value: unknown, empty: boolean) => (empty ? doc.delete(key) : doc.set(key, value));
    if (input.overMij !== undefined) setOrDelete('about', input.overMij, input.overMij === '');
    if (input.vraagMeOver !== undefined) setOrDelete('askMeAbout', input.vraagMeOver, input.vraagMeOver.length === 0);
    // Visible is the default: only "hidden" is written down.
    if (input.telefoonZichtbaar !== undefined) setOrDelete('phoneVisible', false, input.telefoonZichtbaar);
    if (input.fotoToestemming !== undefined) doc.set('photoConsent', input.fotoToestemming);
    const content = doc.toString({ lineWidth: 0 });
    const checked = personSchema.safeParse(parseYamlFile(content));
    if (!checked.success) throw new ApiError(422, 'ongeldige_invoer', checked.error.issues[0]?.message ?? 'Dit profiel klopt niet.');
    await deps.limiter?.take(who.personId, 'aanpassing');
    if (content !== text) await deps.store.commit({ writes: [{ path, content }], message: `Profiel bijgewerkt door ${who.name}`, author: authorOf(who) });
    return c.json(view(checked.data), 200, NO_STORE);
  });

  return app;
}
