// Knowledge pages (Weten en regelen): how things work, owned and reviewed on an interval.
import { z } from 'astro/zod';
import { DATE, ID, hint } from './common.ts';

/** Front matter of a knowledge page (content/weten-en-regelen/<section>/…/*.md[x]). */
export const knowledgeSchema = z.strictObject({
  /** Page title. */
  title: hint(z.string().trim().min(3, 'is te kort (minstens 3 tekens)').max(120, 'is te lang (hoogstens 120 tekens)'), { label: 'Titel' }),
  /** What the page answers, in one or two sentences. */
  summary: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)').max(300, 'is te lang (hoogstens 300 tekens)'), { label: 'Samenvatting', widget: 'text' }),
  /** The department or colleague responsible for keeping it right (an id). */
  owner: hint(ID, { label: 'Eigenaar', widget: 'relation', ref: ['afdelingen', 'collegas'], hint: 'De afdeling of collega die deze pagina actueel houdt.' }),
  /** When the owner last checked the page. */
  reviewedAt: hint(DATE, { label: 'Laatst gecontroleerd', widget: 'date' }),
  /** How often, in months, the page must be checked again. */
  reviewIntervalMonths: hint(z.number().int().min(1).max(36).default(12), { label: 'Controleren elke (maanden)', widget: 'number' }),
  /** Ids of related knowledge pages, e.g. hr/verlof-aanvragen. */
  related: hint(z.array(ID).default([]), { label: 'Gerelateerde pagina’s', widget: 'relation', ref: 'kennis' }),
  /** Search synonyms (vakantie for verlof); indexed but not shown. */
  trefwoorden: hint(z.array(z.string().trim().min(1)).default([]), { label: 'Trefwoorden', widget: 'list', hint: 'Woorden waarop collega’s zoeken, ook als ze niet in de tekst staan.' }),
  /** Position within its section; lower comes first. */
  order: hint(z.number().int().default(100), { label: 'Volgorde', widget: 'number' }),
  /** A draft is never built. */
  draft: hint(z.boolean().default(false), { label: 'Concept', widget: 'boolean' }),
  /** Language of the page. */
  lang: hint(z.enum(['nl', 'en']).default('nl'), { label: 'Taal', widget: 'select' }),
});

/** A knowledge page's front matter after parsing. */
export type Knowledge = z.output<typeof knowledgeSchema>;
