// The request bodies of moderation: hiding an item (an optional one-line reason), reporting one, deciding on one.
import { z } from 'astro/zod';
import { bodyError, oneLine } from '../content/fields.ts';
import { REPORT_REASONS } from './reasons.ts';

/** Hiding an item: an optional reason. */
export const hideInput = z.strictObject({ reden: oneLine('de reden').optional() }, { error: bodyError('eventueel een reden') });

/** The item a report or a decision is about. */
const target = z.strictObject({
  type: z.enum(['bericht', 'reactie'], { error: 'moet bericht of reactie zijn' }),
  id: z.string().min(1, 'mag niet leeg zijn').max(200, 'is te lang'),
}, { error: bodyError('type en id') });

/** Reporting ("Melden") an item: a reason from the list; 'anders' needs a toelichting. */
export const reportInput = z
  .strictObject(
    {
      doel: target,
      reden: z.enum(REPORT_REASONS, { error: `moet een van deze zijn: ${REPORT_REASONS.join(', ')}` }),
      toelichting: oneLine('de toelichting').optional(),
    },
    { error: bodyError('doel, reden en eventueel een toelichting') },
  )
  .refine((r) => r.reden !== 'anders' || !!r.toelichting, { message: 'vul een toelichting in bij de reden anders', path: ['toelichting'] });

/** A moderator's decision on a reported item: hide it (with a reason the author sees) or keep it. */
export const decisionInput = z
  .strictObject(
    {
      doel: target,
      besluit: z.enum(['verbergen', 'laten-staan'], { error: 'moet verbergen of laten-staan zijn' }),
      reden: oneLine('de reden').optional(),
    },
    { error: bodyError('doel, besluit en eventueel een reden') },
  )
  .refine((d) => d.besluit !== 'verbergen' || !!d.reden, { message: 'vul een reden in bij verbergen: de auteur krijgt die te zien', path: ['reden'] });

/** `?voor=<id>`: the moderation log from before a line (paging). */
export const logQuery = z.strictObject({ voor: z.string().regex(/^[0-9a-z]{26}$/, 'moet de id van een regel uit het logboek zijn').optional() });
