// Shared building blocks for the content schemas: ids, dates, images and editor hints.
import { z } from 'astro/zod';

/** What an id field can point at: the entries of a collection, or a list in the site settings (`roles`, `locations`). */
export type RefCollection = 'collegas' | 'afdelingen' | 'kennis' | 'groepen' | 'rollen' | 'locaties';

/** Editor-facing hints that the CMS config generator (src/cms) reads; attached with `.meta()`. */
export interface FieldHint {
  label: string;
  hint?: string;
  /** The CMS widget; `date` is a calendar date without a time (Decap's datetime widget without time). */
  widget?: 'string' | 'text' | 'markdown' | 'datetime' | 'date' | 'boolean' | 'number' | 'image' | 'list' | 'object' | 'select' | 'relation';
  /** For id fields: the collection(s) the id refers to; the CMS offers their entries to pick from. */
  ref?: RefCollection | readonly RefCollection[];
}

/** Attaches a Dutch label and help text to a field, for the CMS and for error messages. */
export function hint<T extends z.ZodType>(schema: T, meta: FieldHint): T {
  return schema.meta(meta as unknown as Record<string, unknown>) as T;
}

/** The shape of every entry id (`hr/verlof-aanvragen`): lower-case words with dashes, folders with slashes; never a path trick. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** A slug-like id that refers to another entry (person, department, group, page). */
export const ID = z.string().min(1, 'mag niet leeg zijn').regex(ID_PATTERN, 'gebruik alleen kleine letters, cijfers en streepjes');

/** A date or date-time in front matter; YAML may give a Date or an ISO string. */
export const DATE = z.coerce.date({ error: 'moet een datum zijn, bijvoorbeeld 2026-03-15' });

/** An image that lives in the media folder (public/media), always with alt text. */
export const IMAGE = z.object({
  /** Path below the site root, e.g. /media/nieuws/fietsplan.svg. */
  src: hint(z.string().regex(/^\/media\/[A-Za-z0-9/_.-]+$/, 'moet een pad in /media/ zijn'), {
    label: 'Afbeelding',
    widget: 'image',
  }),
  /** Describes the image for people who cannot see it; required by WCAG. */
  alt: hint(z.string().trim().min(1, 'alternatieve tekst is verplicht'), {
    label: 'Alternatieve tekst',
    hint: 'Beschrijf wat er op de afbeelding staat, voor wie haar niet kan zien.',
  }),
});

/** A link to a web address or a page of the intranet. */
export const HREF = z
  .string()
  .regex(/^(https?:\/\/|mailto:|\/)/, 'moet beginnen met https://, http://, mailto: of /');
