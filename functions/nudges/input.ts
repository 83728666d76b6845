// The request shape of a vraag van de week (issue 17), checked at the door (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { bodyError, text } from '../content/fields.ts';

/** A question an editor schedules: its text (Markdown, like a post), ISO weekday (1 Monday … 7 Sunday), time and on/off. */
export const nudgeInput = z.strictObject(
  {
    tekst: text,
    weekdag: z.number({ error: 'moet een getal van 1 (maandag) tot en met 7 (zondag) zijn' }).int('moet een geheel getal zijn').min(1, 'moet 1 (maandag) tot en met 7 (zondag) zijn').max(7, 'moet 1 (maandag) tot en met 7 (zondag) zijn'),
    tijd: z.string({ error: 'moet een tijd zijn' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'moet een tijd als 09:30 zijn'),
    aan: z.boolean({ error: 'moet true of false zijn' }),
  },
  { error: bodyError('tekst, weekdag, tijd en aan') },
);
