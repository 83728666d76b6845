// Posts (berichten) on the timeline or in a group, written by employees.
import { z } from 'astro/zod';
import { DATE, ID, IMAGE, hint } from './common.ts';

/** Who hid an item and when; hidden items stay in git but are not shown. `by` refers to a colleague (erasure hands it over). */
export const HIDDEN = z.strictObject({ by: hint(ID, { label: 'Verborgen door', ref: 'collegas' }), at: DATE, reason: z.string().max(300).optional() });

/** When a poll's counts are shown: to whoever voted (and to all once it closed), or to all only once it closed. */
export const POLL_RESULTS = ['na-stemmen', 'na-sluiten'] as const;
/** Fewest and most choices a poll has. */
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;

/** A poll in a post: the post's text is the question; the votes live in the state store, anonymous to colleagues. */
export const pollSchema = z.strictObject({
  /** The choices, in the order shown; a vote names them by position. */
  options: z
    .array(z.string().trim().min(1, 'een keuze is leeg').max(100, 'een keuze is langer dan 100 tekens'))
    .min(POLL_MIN_OPTIONS, `minstens ${POLL_MIN_OPTIONS} keuzes`)
    .max(POLL_MAX_OPTIONS, `hoogstens ${POLL_MAX_OPTIONS} keuzes`)
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'twee keuzes zijn hetzelfde'),
  /** Whether a colleague may pick more than one. */
  multiple: z.boolean().default(false),
  /** After this moment nobody votes or changes a vote. */
  closes: DATE.optional(),
  /** When the counts are shown (the author's choice). */
  results: z.enum(POLL_RESULTS).default('na-stemmen'),
});

/** A poll after parsing. */
export type Poll = z.output<typeof pollSchema>;

/** What a listing in a market group offers or asks. */
export const LISTING_KINDS = ['te-koop', 'gezocht', 'gratis'] as const;
/** Where a listing stands; the author sets it. */
export const LISTING_STATUSES = ['beschikbaar', 'gereserveerd', 'verkocht'] as const;
/** Highest price a listing may ask, in euros. */
export const MAX_PRICE = 100_000;

/** A price in euros with at most two decimals. */
export const PRICE = z
  .number({ error: 'de prijs moet een bedrag in euro zijn' })
  .min(0, 'de prijs kan niet negatief zijn')
  .max(MAX_PRICE, `de prijs is hoger dan € ${MAX_PRICE}`)
  .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-6, 'de prijs heeft hoogstens twee cijfers achter de komma');

/** A post in a market group as a listing (Koffietijd): te koop, gezocht or gratis af te halen. */
export const listingSchema = z.strictObject({
  kind: z.enum(LISTING_KINDS),
  /** In euros; never for something given away. */
  price: PRICE.optional(),
  status: z.enum(LISTING_STATUSES).default('beschikbaar'),
}).refine((l) => !(l.kind === 'gratis' && l.price !== undefined), { message: 'iets gratis heeft geen prijs', path: ['price'] });

/** A listing after parsing. */
export type Listing = z.output<typeof listingSchema>;

/** Front matter of a post (content/berichten/YYYY/MM/<ulid>.md); the body is Markdown. */
export const postSchema = z.strictObject({
  /** The colleague who wrote it (id); set by the server from the login. */
  author: hint(ID, { label: 'Auteur' }),
  /** Group id; absent means the general timeline. */
  group: hint(ID.optional(), { label: 'Groep' }),
  /** When it was posted. */
  created: hint(DATE, { label: 'Geplaatst op', widget: 'datetime' }),
  /** When it was last edited by its author. */
  edited: DATE.optional(),
  /** Up to four photos, each with alt text. */
  photos: hint(z.array(IMAGE).max(4, 'hoogstens 4 foto’s').default([]), { label: 'Foto’s', widget: 'list' }),
  /** A listing (in a group with a market). */
  listing: listingSchema.optional(),
  /** A poll under the text. */
  poll: pollSchema.optional(),
  /** Set when a moderator hid the post. */
  hidden: HIDDEN.optional(),
});

/** A post after parsing. */
export type Post = z.output<typeof postSchema>;
