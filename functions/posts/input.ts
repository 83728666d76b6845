// Request bodies of the posts API, validated with pieces of the content schemas (one definition).
import { z } from 'astro/zod';
import { LISTING_KINDS, LISTING_STATUSES, POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, POLL_RESULTS, postSchema, PRICE } from '../../src/schemas/post.ts';
import { bodyError, oneLine, text } from '../content/fields.ts';

/** A poll with a new post: its choices, whether more than one may be picked, when it closes and when counts show. */
export const pollInput = z.strictObject(
  {
    opties: z
      .array(oneLine('een keuze').pipe(z.string().min(1, 'een keuze is leeg').max(100, 'een keuze is langer dan 100 tekens')), { error: 'opties moet een lijst van keuzes zijn' })
      .min(POLL_MIN_OPTIONS, `geef minstens ${POLL_MIN_OPTIONS} keuzes`)
      .max(POLL_MAX_OPTIONS, `geef hoogstens ${POLL_MAX_OPTIONS} keuzes`)
      .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'twee keuzes zijn hetzelfde'),
    meerdere: z.boolean({ error: 'meerdere moet true of false zijn' }).optional(),
    sluit: z.iso.datetime({ offset: true, error: 'sluit moet een datum en tijd zijn, bijvoorbeeld 2026-12-18T17:00:00+01:00' }).optional(),
    uitslag: z.enum(POLL_RESULTS, { error: `uitslag moet een van deze zijn: ${POLL_RESULTS.join(', ')}` }).optional(),
  },
  { error: bodyError('opties, en eventueel meerdere, sluit en uitslag') },
);

/** A post as a listing (only in a group with a market): what kind, and a price for what is not free. */
export const listingInput = z
  .strictObject(
    {
      soort: z.enum(LISTING_KINDS, { error: `soort moet een van deze zijn: ${LISTING_KINDS.join(', ')}` }),
      prijs: PRICE.optional(),
    },
    { error: bodyError('soort en eventueel prijs') },
  )
  .refine((l) => !(l.soort === 'gratis' && l.prijs !== undefined), 'iets gratis heeft geen prijs');

/** The author changing where a listing stands. */
export const listingStatusInput = z.strictObject(
  { status: z.enum(LISTING_STATUSES, { error: `status moet een van deze zijn: ${LISTING_STATUSES.join(', ')}` }) },
  { error: bodyError('status') },
);

/** A new post: text, an optional group, an optional poll. Photos come as multipart files next to it. */
export const newPostInput = z.strictObject(
  {
    tekst: text,
    groep: postSchema.shape.group,
    peiling: pollInput.optional(),
    aanbod: listingInput.optional(),
  },
  { error: bodyError('tekst en eventueel groep, peiling en aanbod') },
);

/** An edit of a post's text. */
export const editPostInput = z.strictObject({ tekst: text }, { error: bodyError('tekst') });

/** Alt text of one photo. */
export const altText = oneLine('de alternatieve tekst').pipe(z.string().min(1, 'elke foto heeft een alternatieve tekst nodig'));
