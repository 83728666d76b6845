// Groups (groepen): places to post around a theme, such as Koffietijd.
import { z } from 'astro/zod';
import { ID, IMAGE, hint } from './common.ts';

/** Front matter of a group (content/groepen/*.md); the body is the longer description. */
export const groupSchema = z.strictObject({
  /** Group name. */
  name: hint(z.string().trim().min(2, 'is te kort').max(60, 'is te lang (hoogstens 60 tekens)'), { label: 'Naam' }),
  /** One line about the group. */
  description: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)').max(300, 'is te lang'), { label: 'Omschrijving', widget: 'text' }),
  /** Colleagues who may hide posts and comments (ids). */
  moderators: hint(z.array(ID).min(1, 'een groep heeft minstens één moderator'), { label: 'Moderatoren', widget: 'relation', ref: 'collegas' }),
  /** Optional cover image with alt text. */
  cover: hint(IMAGE.optional(), { label: 'Omslagafbeelding', widget: 'object' }),
  /** Whether every employee may post; otherwise only moderators. */
  openToAll: hint(z.boolean().default(true), { label: 'Iedereen mag posten', widget: 'boolean' }),
  /** How colleagues become members: open (anyone joins) or op-aanvraag (a moderator lets them in). */
  joinPolicy: hint(z.enum(['open', 'op-aanvraag']).default('open'), {
    label: 'Lid worden',
    widget: 'select',
    hint: 'open: iedereen wordt lid met één klik; op-aanvraag: een moderator laat collega’s toe.',
  }),
  /** Whether a post here may be a listing (te koop, gezocht, gratis af te halen), as in Koffietijd. */
  market: hint(z.boolean().default(false), { label: 'Marktplaats', widget: 'boolean', hint: 'Collega’s kunnen in deze groep iets te koop zetten, zoeken of weggeven.' }),
  /** After how many days a listing drops out of the open listings. */
  marketDays: hint(z.number({ error: 'moet een getal zijn' }).int('moet een heel getal zijn').min(1, 'moet minstens 1 zijn').max(365, 'hoogstens 365 dagen').default(30), {
    label: 'Aanbod verloopt na (dagen)',
    widget: 'number',
  }),
});

/** A group after parsing. */
export type Group = z.output<typeof groupSchema>;
