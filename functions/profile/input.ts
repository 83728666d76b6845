// The request shape of a colleague's own profile edit, checked at the door (422 ongeldige_invoer in Dutch otherwise).
import { z } from 'astro/zod';
import { bodyError, oneLine } from '../content/fields.ts';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The fields a colleague keeps themselves; at least one. An empty "over mij" removes it. */
export const profileInput = z
  .strictObject(
    {
      overMij: z
        .string({ error: 'overMij moet tekst zijn' })
        .transform((s) => s.replace(/\r\n?/g, '\n').trim())
        .pipe(z.string().max(1000, 'overMij is langer dan 1000 tekens'))
        .refine((s) => !CONTROL.test(s), 'overMij bevat onzichtbare stuurtekens')
        .refine((s) => s.isWellFormed(), 'overMij bevat ongeldige tekens')
        .optional(),
      vraagMeOver: z
        .array(oneLine('een onderwerp').pipe(z.string().min(1, 'een onderwerp is leeg').max(60, 'een onderwerp is langer dan 60 tekens')), { error: 'vraagMeOver moet een lijst van onderwerpen zijn' })
        .max(10, 'hoogstens 10 onderwerpen')
        .optional(),
      telefoonZichtbaar: z.boolean({ error: 'telefoonZichtbaar moet true of false zijn' }).optional(),
      fotoToestemming: z.boolean({ error: 'fotoToestemming moet true of false zijn' }).optional(),
    },
    { error: bodyError('overMij, vraagMeOver, telefoonZichtbaar of fotoToestemming') },
  )
  .refine((p) => Object.keys(p).length > 0, 'stuur minstens één van overMij, vraagMeOver, telefoonZichtbaar en fotoToestemming');
