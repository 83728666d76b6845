// Request bodies of the suggest-an-edit API: the page id, the new Markdown body and the explanation.
import { z } from 'astro/zod';
import { ID_PATTERN } from '../../src/schemas/common.ts';

/** Longest body of a knowledge page a proposal may send (characters). */
export const MAX_PAGE_TEXT = 100_000;
/** Longest explanation. */
export const MAX_EXPLANATION = 2000;

const NO_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/;

/** A page id as the site uses it (`hr/verlof-aanvragen`); never a path. */
export const pageId = z
  .string({ error: 'pagina ontbreekt' })
  .max(200, 'de pagina-id is te lang')
  .regex(ID_PATTERN, 'is geen geldige pagina-id');

/** The query of GET /api/voorstellen/bron: which page. */
export const sourceQuery = z.object({ pagina: pageId });

/** A new proposal. */
export const newProposalInput = z.strictObject({
  pagina: pageId,
  tekst: z
    .string({ error: 'tekst ontbreekt' })
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .pipe(z.string().max(MAX_PAGE_TEXT, `de tekst is langer dan ${MAX_PAGE_TEXT} tekens`))
    .refine((s) => s.trim().length > 0, 'de tekst is leeg; een pagina weghalen kan niet met een voorstel')
    .refine((s) => !NO_CONTROLS.test(s), 'de tekst bevat onzichtbare stuurtekens')
    .refine((s) => s.isWellFormed(), 'de tekst bevat ongeldige tekens'),
  toelichting: z
    .string({ error: 'toelichting ontbreekt' })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'vertel kort wat je verandert en waarom').max(MAX_EXPLANATION, `de toelichting is langer dan ${MAX_EXPLANATION} tekens`))
    .refine((s) => !NO_CONTROLS.test(s), 'de toelichting bevat onzichtbare stuurtekens')
    .refine((s) => s.isWellFormed(), 'de toelichting bevat ongeldige tekens'),
});
