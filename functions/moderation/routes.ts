// Moderation: group moderators and editors hide a post or comment, with an optional reason. Hiding keeps the file
// (with who, when and why) so nothing disappears silently from the history; it closes the item's open reports (each
// reporter is told) and goes into the moderation log.
import { Hono } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { toFeedItem } from '../content/feed-item.ts';
import { authorOf, JSON_LIMIT, notFound } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson } from '../lib/validate.ts';
import { canModerate, closeReports, loadItem, logAction, setHidden } from './actions.ts';
import { hideInput } from './input.ts';

const LOGIN = 'Log in om te posten of te reageren.';

/** Builds the hide routes: POST /api/berichten/:id/verbergen and /api/reacties/:id/verbergen. */
export function createModerationRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  for (const kind of ['bericht', 'reactie'] as const) {
    const isPost = kind === 'bericht';
    app.post(`/api/${isPost ? 'berichten' : 'reacties'}/:id/verbergen`, requireLogin(LOGIN), validJson(hideInput, JSON_LIMIT), async (c) => {
      const who = identityOf(c);
      const input = c.req.valid('json');
      const item = await loadItem(deps, kind, c.req.param('id'));
      if (!item) throw notFound(kind);
      if (!(await canModerate(deps, who, item.group))) throw new ApiError(403, 'niet_toegestaan', `Alleen moderatoren en redacteuren kunnen ${isPost ? 'berichten' : 'reacties'} verbergen.`);
      await deps.limiter?.take(who.personId, 'aanpassing');
      const content = await setHidden(deps, item, { personId: who.personId, name: who.name, commitAuthor: authorOf(who) }, input.reden, true);
      await logAction(deps, item, who.personId, 'verbergen', input.reden);
      await closeReports(deps, item, 'verborgen', who.personId);
      return c.json({ [kind]: toFeedItem(kind, item.id, content, deps.people) });
    });
  }

  return app;
}
