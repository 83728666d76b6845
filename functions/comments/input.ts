// The request body of a new comment, validated with pieces of the content schemas (one definition).
import { z } from 'astro/zod';
import { commentSchema } from '../../src/schemas/comment.ts';
import { bodyError, text } from '../content/fields.ts';

/** A new comment on an item. */
export const newCommentInput = z.strictObject(
  {
    doel: commentSchema.shape.on,
    tekst: text,
  },
  { error: bodyError('doel en tekst') },
);

/** A comment's new text (its author edits it). */
export const editCommentInput = z.strictObject({ tekst: text }, { error: bodyError('tekst') });
