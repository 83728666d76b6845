// Request bodies of group proposals and private groups (422 ongeldige_invoer with a Dutch message otherwise).
import { z } from 'astro/zod';
import { ID } from '../../src/schemas/common.ts';
import { bodyError, oneLine, text } from '../content/fields.ts';

/** The kinds of group a colleague may propose. */
export const GROUP_KINDS = ['open', 'op-aanvraag', 'prive'] as const;

/** A proposal for a new group. */
export const proposalInput = z.strictObject(
  {
    naam: oneLine('naam').pipe(z.string().min(2, 'naam is te kort').max(60, 'naam is te lang (hoogstens 60 tekens)')),
    omschrijving: oneLine('omschrijving').pipe(z.string().min(10, 'omschrijving is te kort (minstens 10 tekens)')),
    soort: z.enum(GROUP_KINDS, { error: `soort moet een van deze zijn: ${GROUP_KINDS.join(', ')}` }),
    toelichting: oneLine('toelichting').optional(),
  },
  { error: bodyError('naam, omschrijving, soort en eventueel toelichting') },
);

/** An editor's decision on a proposal; a reason goes with a refusal. */
export const proposalDecisionInput = z.strictObject(
  {
    besluit: z.enum(['goedkeuren', 'afwijzen'], { error: 'besluit moet goedkeuren of afwijzen zijn' }),
    reden: oneLine('reden').optional(),
  },
  { error: bodyError('besluit en eventueel reden') },
);

/** A moderator inviting a colleague. */
export const inviteInput = z.strictObject({ persoon: ID }, { error: bodyError('persoon') });

/** A comment in a private group. */
export const privateCommentInput = z.strictObject({ tekst: text }, { error: bodyError('tekst') });
