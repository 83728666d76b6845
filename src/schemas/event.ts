// Agenda items (events): meetings, trainings and festivities.
import { z } from 'astro/zod';
import { DATE, HREF, ID, hint } from './common.ts';

/** Front matter of an event (content/agenda/*.md); the body is the description. */
export const eventSchema = z.strictObject({
  /** Event title. */
  title: hint(z.string().trim().min(3, 'is te kort (minstens 3 tekens)').max(120, 'is te lang'), { label: 'Titel' }),
  /** One line about it. */
  summary: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)').max(300, 'is te lang'), { label: 'Samenvatting', widget: 'text' }),
  /** Start date-time. */
  start: hint(DATE, { label: 'Begin', widget: 'datetime' }),
  /** End date-time; after the start. */
  end: hint(DATE, { label: 'Einde', widget: 'datetime' }),
  /** Where it takes place. */
  location: hint(z.string().trim().min(2, 'is te kort'), { label: 'Locatie' }),
  /** The organising colleague or department (an id). */
  organiser: hint(ID, { label: 'Organisator', widget: 'relation', ref: ['collegas', 'afdelingen'] }),
  /** Link to join online (Teams, Jitsi …). */
  onlineUrl: hint(HREF.optional(), { label: 'Online deelnemen (link)' }),
  /** A draft is never built. */
  draft: hint(z.boolean().default(false), { label: 'Concept', widget: 'boolean' }),
}).refine((e) => e.end >= e.start, { message: 'moet na het begin liggen', path: ['end'] });

/** An event after parsing. */
export type Event = z.output<typeof eventSchema>;
