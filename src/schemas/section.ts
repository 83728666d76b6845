// Knowledge sections: one sectie.yml per folder of Weten en regelen.
import { z } from 'astro/zod';
import { ID, hint } from './common.ts';

/** A section of the knowledge base (content/weten-en-regelen/<path>/sectie.yml). */
export const sectionSchema = z.strictObject({
  /** Section title, e.g. HR. */
  title: hint(z.string().trim().min(2, 'is te kort'), { label: 'Titel' }),
  /** What you find in this section. */
  description: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)'), { label: 'Omschrijving', widget: 'text' }),
  /** Department responsible for the section (an id). */
  owner: hint(ID, { label: 'Eigenaar', widget: 'relation', ref: 'afdelingen' }),
  /** Position on the knowledge index; lower comes first. */
  order: hint(z.number().int().default(100), { label: 'Volgorde', widget: 'number' }),
});

/** A section after parsing. */
export type Section = z.output<typeof sectionSchema>;
