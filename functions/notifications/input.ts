// Request bodies of the notification routes (422 ongeldige_invoer with a Dutch message otherwise).
import { z } from 'astro/zod';
import { bodyError } from '../content/fields.ts';
import { CHANNELS, DIGESTS, NOTIFICATION_KINDS } from './kinds.ts';

/** What can be followed. */
export const FOLLOW_TYPES = ['groep', 'collega', 'kennis', 'bericht', 'nieuws', 'agenda'] as const;

const TIME = z.string({ error: 'een tijd moet tekst zijn, zoals 22:00' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'een tijd is UU:MM, zoals 22:00');

/** One kind's channels. */
const channels = z.strictObject(
  Object.fromEntries(CHANNELS.map((c) => [c, z.boolean({ error: `${c} moet true of false zijn` })])) as Record<(typeof CHANNELS)[number], z.ZodBoolean>,
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `onbekend kanaal: ${(issue as { keys?: string[] }).keys?.join(', ')}; kanalen zijn ${CHANNELS.join(', ')}` : `per soort een object met ${CHANNELS.join(', ')}`) },
);

/** A colleague's settings. */
export const settingsInput = z.strictObject(
  {
    soorten: z.strictObject(
      Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channels.optional()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof channels>>,
      { error: (issue) => (issue.code === 'unrecognized_keys' ? `onbekende soort melding: ${(issue as { keys?: string[] }).keys?.join(', ')}` : 'soorten moet een object zijn') },
    ),
    overzicht: z.enum(DIGESTS, { error: `overzicht moet een van deze zijn: ${DIGESTS.join(', ')}` }),
    stil: z.strictObject({ van: TIME, tot: TIME }, { error: bodyError('van en tot') }).nullable(),
  },
  { error: bodyError('soorten, overzicht en stil') },
);

/** Follow or stop following one thing. */
export const followInput = z.strictObject(
  {
    doel: z.strictObject(
      { type: z.enum(FOLLOW_TYPES, { error: `type moet een van deze zijn: ${FOLLOW_TYPES.join(', ')}` }), id: z.string({ error: 'id ontbreekt' }).min(1, 'id is leeg').max(200, 'id is te lang') },
      { error: bodyError('type en id') },
    ),
    volgen: z.boolean({ error: 'volgen moet true of false zijn' }),
  },
  { error: bodyError('doel en volgen') },
);

/** Mark some or all read. */
export const readInput = z.union([
  z.strictObject({ ids: z.array(z.string().max(40), { error: 'ids moet een lijst zijn' }).min(1, 'geef minstens één id').max(200, 'hoogstens 200 ids tegelijk') }),
  z.strictObject({ alles: z.literal(true, { error: 'alles moet true zijn' }) }),
], { error: 'stuur { ids: [...] } of { alles: true }' });
