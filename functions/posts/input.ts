// Request bodies of the posts API, validated with pieces of the content schemas (one definition).
import { z } from 'astro/zod';
import { postSchema } from '../../src/schemas/post.ts';
import { bodyError, oneLine, text } from '../content/fields.ts';

/** A new post: text, an optional group. Photos come as multipart files next to it. */
export const newPostInput = z.strictObject(
  {
    tekst: text,
    groep: postSchema.shape.group,
  },
  { error: bodyError('tekst en eventueel groep') },
);

/** An edit of a post's text. */
export const editPostInput = z.strictObject({ tekst: text }, { error: bodyError('tekst') });

/** Alt text of one photo. */
export const altText = oneLine('de alternatieve tekst').pipe(z.string().min(1, 'elke foto heeft een alternatieve tekst nodig'));
