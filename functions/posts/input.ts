// Request bodies of the posting API, validated with pieces of the content schemas (one definition).
import { z } from 'astro/zod';
import { commentSchema } from '../../src/schemas/comment.ts';
import { postSchema } from '../../src/schemas/post.ts';

/** Longest Markdown text of a post or comment. */
export const MAX_TEXT = 5000;

const text = z
  .string({ error: 'tekst ontbreekt' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'de tekst is leeg').max(MAX_TEXT, `de tekst is langer dan ${MAX_TEXT} tekens`))
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/.test(s), 'de tekst bevat onzichtbare stuurtekens')
  .refine((s) => s.isWellFormed(), 'de tekst bevat ongeldige tekens');

/** A new post: text, an optional group. Photos come as multipart files next to it. */
export const newPostInput = z.strictObject({
  tekst: text,
  groep: postSchema.shape.group,
});

/** An edit of a post's text. */
export const editPostInput = z.strictObject({ tekst: text });

/** A new comment on an item. */
export const newCommentInput = z.strictObject({
  doel: commentSchema.shape.on,
  tekst: text,
});

/** Alt text of one photo. */
export const altText = z.string({ error: 'alternatieve tekst ontbreekt' }).trim().min(1, 'elke foto heeft een alternatieve tekst nodig').max(300, 'de alternatieve tekst is te lang');

/** Hiding an item: an optional reason. */
export const hideInput = z.strictObject({ reden: z.string().trim().max(300).optional() });
