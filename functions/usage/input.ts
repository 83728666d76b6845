// The request shapes of the search-statistics beacons (issue 17); src/lib/search-terms.ts says how a term is
// normalised before it is counted.
import { z } from 'astro/zod';
import { bodyError } from '../content/fields.ts';

const term = z.string({ error: 'moet tekst zijn' }).max(500, 'is te lang');

/** One device searched a term for the first time this week. */
export const searchInput = z.strictObject({ term }, { error: bodyError('term') });

/** One device opened a knowledge page from the results of a term. */
export const clickInput = z.strictObject({ term, pagina: z.string({ error: 'moet tekst zijn' }).max(200, 'is te lang') }, { error: bodyError('term en pagina') });
