// Departments (afdelingen) of the organisation.
import { z } from 'astro/zod';
import { ID, hint } from './common.ts';

/** A department (content/afdelingen/<id>.yml). */
export const departmentSchema = z.strictObject({
  /** Department name. */
  name: hint(z.string().trim().min(2, 'is te kort'), { label: 'Naam' }),
  /** What the department does. */
  description: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)'), { label: 'Omschrijving', widget: 'text' }),
  /** The head of the department (a colleague id). */
  manager: hint(ID.optional(), { label: 'Leidinggevende', widget: 'relation', ref: 'collegas' }),
  /** Shared mailbox. */
  email: hint(z.email({ error: 'moet een geldig e-mailadres zijn' }).optional(), { label: 'E-mail' }),
  /** Phone number of the department. */
  phone: hint(z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'moet een telefoonnummer zijn').optional(), { label: 'Telefoon' }),
  /** Where the department sits. */
  location: hint(z.string().trim().optional(), { label: 'Locatie' }),
  /** GitHub team that reviews this department's pages, e.g. @gemeente/hr. */
  githubTeam: hint(z.string().regex(/^@[\w.-]+\/[\w.-]+$/, 'moet de vorm @organisatie/team hebben').optional(), { label: 'GitHub-team' }),
});

/** A department after parsing. */
export type Department = z.output<typeof departmentSchema>;
