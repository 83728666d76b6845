// The request shapes of the waarderingen API, checked at the door (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { APPRECIATION_KIND_NAMES, APPRECIATION_TARGETS } from '../../src/schemas/appreciations.ts';
import { bodyError } from '../content/fields.ts';

/** Most targets one counts request may ask for (a timeline page has 20 posts and their comments). */
export const MAX_TARGETS = 200;

const target = z.strictObject({
  type: z.enum(APPRECIATION_TARGETS, { error: `moet een van deze zijn: ${APPRECIATION_TARGETS.join(', ')}` }),
  id: z.string().min(1, 'mag niet leeg zijn').max(200, 'is te lang'),
});

/** Giving (aan: true) or taking back (aan: false) one waardering; sending the same twice changes nothing. */
export const setAppreciationInput = z.strictObject(
  {
    doel: target,
    soort: z.enum(APPRECIATION_KIND_NAMES, { error: `moet een van deze zijn: ${APPRECIATION_KIND_NAMES.join(', ')}` }),
    aan: z.boolean({ error: 'moet true of false zijn' }),
  },
  { error: bodyError('doel, soort en aan') },
);

/** `type:id` as the query names a target. */
const targetRef = z
  .string()
  .regex(/^(bericht|reactie|nieuws):[^,:]{1,200}$/, 'moet type:id zijn, met type bericht, reactie of nieuws')
  .transform((s) => ({ type: s.slice(0, s.indexOf(':')) as (typeof APPRECIATION_TARGETS)[number], id: s.slice(s.indexOf(':') + 1) }));

/** `?doelen=bericht:ID,reactie:ID,…`: the counts (and one's own) of many items in one request. */
export const countsQuery = z.strictObject({
  doelen: z
    .string()
    .min(1, 'mag niet leeg zijn')
    .transform((s) => s.split(','))
    .pipe(z.array(targetRef).max(MAX_TARGETS, `mag hoogstens ${MAX_TARGETS} items noemen`)),
});

/** `?doel=bericht:ID`: who gave which waardering. */
export const whoQuery = z.strictObject({ doel: targetRef });
