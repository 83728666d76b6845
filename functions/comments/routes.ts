// The comments API: a comment under a news item, knowledge page, post or event; its author may edit or delete it.
import { Hono } from 'hono';
import { commentSchema } from '../../src/schemas/comment.ts';
import { postSchema } from '../../src/schemas/post.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { createKeyedItem, deleteOwnItem, editOwnItem, JSON_LIMIT, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson } from '../lib/validate.ts';
import { editCommentInput, newCommentInput } from './input.ts';

const LOGIN = 'Log in om te posten of te reageren.';

/** Builds the comment routes under /api/reacties. */
export function createCommentRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  app.post('/api/reacties', requireLogin(LOGIN), validJson(newCommentInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const input = c.req.valid('json');
    const { type, id: targetId } = input.doel;
    let found = false;
    for (const p of deps.paths.targetFiles(type, targetId) ?? []) if (await deps.store.exists(p)) found = true;
    if (!found) throw new ApiError(404, 'doel_onbekend', 'Het item waarop je reageert bestaat niet.');
    // A moderator hid the post: the conversation under it is closed too.
    if (type === 'bericht' && (await readItem(deps, deps.paths.post(targetId), postSchema))?.data.hidden) {
      throw new ApiError(409, 'verborgen', 'Dit bericht is verborgen; je kunt er niet meer op reageren.');
    }
    return createKeyedItem(c, deps, who, 'reactie', (_id, created) => ({
      data: { author: who.personId, created: created.toISOString(), on: { type, id: targetId } },
      schema: commentSchema,
      text: input.tekst,
    }));
  });

  app.patch('/api/reacties/:id', requireLogin(LOGIN), validJson(editCommentInput, JSON_LIMIT), (c) =>
    editOwnItem(c, deps, identityOf(c, LOGIN), 'reactie', commentSchema, c.req.valid('json').tekst),
  );

  app.delete('/api/reacties/:id', (c) => deleteOwnItem(c, deps, identityOf(c, LOGIN), 'reactie', commentSchema));

  return app;
}
