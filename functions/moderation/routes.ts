// Moderation: group moderators and editors hide a post or comment, with an optional reason. Hiding keeps the file
// (with who, when and why) so nothing disappears silently from the history.
import { Hono } from 'hono';
import { stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { commentSchema } from '../../src/schemas/comment.ts';
import { postSchema } from '../../src/schemas/post.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { toFeedItem } from '../content/feed-item.ts';
import { authorOf, itemPath, JSON_LIMIT, notFound, readGroup, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { isUlid } from '../lib/ulid.ts';
import { validJson } from '../lib/validate.ts';
import { hideInput } from './input.ts';

const LOGIN = 'Log in om te posten of te reageren.';

/** May this person hide items in this group (or on the timeline when group is undefined)? */
async function canModerate(deps: ContentDeps, who: Identity, group: string | undefined): Promise<boolean> {
  if (who.editor) return true;
  if (!group) return false;
  return (await readGroup(deps, group))?.moderators.includes(who.personId) ?? false;
}

/** Builds the hide routes: POST /api/berichten/:id/verbergen and /api/reacties/:id/verbergen. */
export function createModerationRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  /** The group a comment lives in: that of the post it is under, if any. */
  async function groupOfComment(on: { type: string; id: string }): Promise<string | undefined> {
    if (on.type !== 'bericht' || !isUlid(on.id)) return undefined;
    return (await readItem(deps, deps.paths.post(on.id), postSchema).catch(() => undefined))?.data.group;
  }

  for (const kind of ['bericht', 'reactie'] as const) {
    const isPost = kind === 'bericht';
    app.post(`/api/${isPost ? 'berichten' : 'reacties'}/:id/verbergen`, requireLogin(LOGIN), validJson(hideInput, JSON_LIMIT), async (c) => {
      const who = identityOf(c);
      const id = c.req.param('id');
      if (!isUlid(id)) throw notFound(kind);
      const input = c.req.valid('json');
      const path = itemPath(deps, kind, id);
      const item = await readItem(deps, path, isPost ? postSchema : commentSchema);
      if (!item) throw notFound(kind);
      const group = isPost ? (item.data.group as string | undefined) : await groupOfComment(item.data.on as { type: string; id: string });
      if (!(await canModerate(deps, who, group))) throw new ApiError(403, 'niet_toegestaan', `Alleen moderatoren en redacteuren kunnen ${isPost ? 'berichten' : 'reacties'} verbergen.`);
      await deps.limiter?.take(who.personId, 'aanpassing');
      const hidden = { by: who.personId, at: deps.now().toISOString(), ...(input.reden ? { reason: input.reden } : {}) };
      const content = stringifyFrontMatter({ ...item.raw, hidden }, item.body);
      await deps.store.commit({ writes: [{ path, content }], message: `${isPost ? 'Bericht' : 'Reactie'} verborgen door ${who.name}`, author: authorOf(who) });
      return c.json({ [kind]: toFeedItem(kind, id, content, deps.people) });
    });
  }

  return app;
}
