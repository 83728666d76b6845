// The request shape of a moderator's decision on a request to join (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { bodyError } from '../content/fields.ts';

/** Let the colleague in, or decline. */
export const decisionInput = z.strictObject(
  { besluit: z.enum(['toelaten', 'afwijzen'], { error: 'besluit moet toelaten of afwijzen zijn' }) },
  { error: bodyError('besluit') },
);
