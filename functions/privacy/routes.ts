// Erasure for editors (issue 19, AVG art. 17) on the running server: the same plan and commit as `npm run erase`, on
// the server's own content store (so it goes through the outbox like every other write), plus the colleague's
// suggested-edit branches where the proposal store can delete them, and their state-store rows.
//   POST /api/beheer/wissen  { collega, overdragenAan? } | { bericht }   editors only
// Answers 200 with counts only (never a name). Refusals write nothing: 401 without login, 403 for a non-editor,
// 422 bad input, a successor who is no colleague, or erasing oneself; 404 an unknown colleague or post; 409 when
// editorial references need a successor (`verwijzingen`: file and field of each) or a file would still name them.
// Then the state-store rows (deps.eraseItemState and, for a colleague, deps.erasePersonState; the Node server): `statusopslag`
// is the number of rows erased or anonymised, or false when that was not possible here (no state store, or it refused) —
// the page then tells the editor to run `npm run erase -- --colleague <id> --state-only` on the server (docs/privacy.md).
import { z } from 'astro/zod';
import { Hono } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { bodyError } from '../content/fields.ts';
import { JSON_LIMIT } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { isUlid } from '../lib/ulid.ts';
import { validJson } from '../lib/validate.ts';
import { applyErasure, ERASE_POST_MESSAGE, EraseRefusal, planColleagueErasure, planPostErasure, readerOf } from './erase.ts';

const PERSON = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'moet de id van een collega zijn, bijvoorbeeld anouk-de-vries').max(200, 'is te lang');

/** What to erase: a colleague (with an optional successor for their editorial references), or one post. */
export const eraseInput = z.union(
  [
    z.strictObject({ collega: PERSON, overdragenAan: PERSON.optional() }),
    z.strictObject({ bericht: z.string().refine(isUlid, 'moet de id van een bericht zijn') }),
  ],
  { error: bodyError('collega (met eventueel overdragenAan) of bericht') },
);

const STATUS: Record<EraseRefusal['code'], number> = { onbekende_collega: 404, onbekend_bericht: 404, overdracht_nodig: 409, sporen_blijven: 409, ongeldige_opvolger: 422 };

/** Builds POST /api/beheer/wissen. */
export function createPrivacyRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  app.post('/api/beheer/wissen', requireLogin('Log in als redacteur om gegevens te wissen.'), validJson(eraseInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Alleen redacteuren kunnen gegevens van collega’s wissen.');
    const input = c.req.valid('json');
    const reader = readerOf(deps.store);
    if ('collega' in input && input.collega === who.personId) throw new ApiError(422, 'zelf_wissen', 'Je kunt je eigen gegevens hier niet wissen: laat een andere redacteur het doen.');
    let plan;
    try {
      plan = 'collega' in input ? await planColleagueErasure(reader, input.collega, { handOverTo: input.overdragenAan, contentPrefix: deps.paths.prefix }) : await planPostErasure(reader, input.bericht, { contentPrefix: deps.paths.prefix });
    } catch (err) {
      if (!(err instanceof EraseRefusal)) throw err;
      return c.json(
        { error: { code: err.code, message: err.message }, verwijzingen: err.references.map((r) => ({ bestand: r.file, veld: r.field })), bestanden: err.files },
        STATUS[err.code] as 404 | 409 | 422,
      );
    }
    const { commit } = await applyErasure(deps.store, plan, 'collega' in input ? undefined : ERASE_POST_MESSAGE);
    const branches = plan.email && deps.proposals?.eraseProposer ? await deps.proposals.eraseProposer(plan.email) : null;
    // The state store after the content commit; a failure there leaves the content erased and says how to finish.
    // Their name and e-mail (from the people file, now erased) also find free text naming them (a commit author, a mail);
    // the rows about the erased posts and comments (others' waarderingen, votes, follows, reports) go as well.
    let state: number | false | null = null;
    const items = deps.eraseItemState ? await deps.eraseItemState(plan.removed).catch(() => undefined) : undefined;
    if ('collega' in input) {
      const erased = deps.erasePersonState ? await deps.erasePersonState(input.collega, { name: plan.name, email: plan.email }).catch(() => undefined) : undefined;
      state = erased ? Object.values(erased).reduce((a, b) => a + b, items ?? 0) : false;
    } else state = items ?? null;
    const k = plan.counts;
    return c.json({
      gewist: true,
      commit,
      aantallen: {
        collegaBestanden: k.personFiles,
        berichten: k.posts,
        fotos: k.photos,
        reacties: k.comments,
        reactiesVanAnderen: k.commentsOfOthers,
        vermeldingen: k.mentionsReplaced,
        overgedragenVerwijzingen: k.referencesHandedOver,
        voorstellen: branches,
      },
      statusopslag: state,
    });
  });
  return app;
}
