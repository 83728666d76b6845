// The request shapes of the peilingen API, checked at the door (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { POLL_MAX_OPTIONS } from '../../src/schemas/post.ts';
import { bodyError } from '../content/fields.ts';
import { isUlid } from '../lib/ulid.ts';

/** Most polls one results request may ask for (a timeline page has 20 posts). */
export const MAX_POLLS = 50;

/** A vote: the positions of the chosen options (an empty list takes the vote back). */
export const voteInput = z.strictObject(
  {
    keuzes: z
      .array(z.number({ error: 'een keuze is een nummer' }).int('een keuze is een heel nummer').min(0, 'een keuze bestaat niet').max(POLL_MAX_OPTIONS - 1, 'een keuze bestaat niet'), {
        error: 'keuzes moet een lijst van nummers zijn',
      })
      .max(POLL_MAX_OPTIONS, `hoogstens ${POLL_MAX_OPTIONS} keuzes`)
      .refine((k) => new Set(k).size === k.length, 'een keuze staat er twee keer in'),
  },
  { error: bodyError('keuzes') },
);

/** `?berichten=ID,ID,…`: the polls of a page in one request. */
export const resultsQuery = z.strictObject({
  berichten: z
    .string()
    .min(1, 'mag niet leeg zijn')
    .transform((s) => [...new Set(s.split(','))])
    .pipe(z.array(z.string().refine(isUlid, 'is geen bericht')).max(MAX_POLLS, `mag hoogstens ${MAX_POLLS} berichten noemen`)),
});
