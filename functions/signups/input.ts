// The request shapes of the aanmeldingen API, checked at the door (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { bodyError } from '../content/fields.ts';

/** Longest answer to an event's question (dietary wishes fit in far less). */
export const MAX_ANSWER = 500;

/** Signing up, with the answer to the event's question when it asks one. Sending it again changes only the answer. */
export const signUpInput = z.strictObject(
  {
    antwoord: z
      .string({ error: 'moet tekst zijn' })
      .trim()
      .max(MAX_ANSWER, `is te lang (hoogstens ${MAX_ANSWER} tekens)`)
      .refine((s) => s.isWellFormed(), 'bevat ongeldige tekens')
      .optional(),
  },
  { error: bodyError('antwoord') },
);
