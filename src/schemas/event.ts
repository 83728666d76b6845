// Agenda items (events): meetings, trainings and festivities.
import { z } from 'astro/zod';
import { AUDIENCE } from './audience.ts';
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
  /** Who the event is for (issue 17); absent: everyone. Everyone can see it and sign up. */
  audience: AUDIENCE,
  /** Also a notification in Plein for the item's audience, once, when a build first publishes it (not for one already past). */
  melding: hint(z.boolean().default(false), {
    label: 'Als melding sturen',
    widget: 'boolean',
    hint: 'Collega’s voor wie deze activiteit is krijgen één keer een melding in Plein zodra hij gepubliceerd is. Alleen als de doelgroep hem echt moet zien.',
  }),
  /** Sign-up: colleagues sign up on the event's page (places, a waiting list, a deadline, one question). */
  signup: hint(
    z
      .strictObject({
        /** How many can come; who signs up after that goes on the waiting list. */
        capacity: hint(z.number({ error: 'moet een getal zijn' }).int('moet een heel getal zijn').min(1, 'moet minstens 1 zijn').max(100_000, 'is te groot'), {
          label: 'Aantal plaatsen',
          widget: 'number',
          hint: 'Wie zich aanmeldt als alles vol is, komt op de wachtlijst en schuift vanzelf door als iemand zich afmeldt.',
        }),
        /** Until when colleagues can sign up (cancelling stays possible until the start). */
        deadline: hint(DATE.optional(), { label: 'Aanmelden kan tot', widget: 'datetime', hint: 'Leeg: tot het begin.' }),
        /** One question asked at sign-up, e.g. about dietary wishes. */
        question: hint(z.string().trim().min(3, 'is te kort').max(200, 'is te lang').optional(), { label: 'Vraag bij het aanmelden', hint: 'Bijvoorbeeld: Heb je dieetwensen of een allergie?' }),
      })
      .optional(),
    { label: 'Aanmelden', widget: 'object', hint: 'Vul het aantal plaatsen in om aanmelden via Plein aan te zetten.' },
  ),
  /** A draft is never built. */
  draft: hint(z.boolean().default(false), { label: 'Concept', widget: 'boolean' }),
})
  .refine((e) => e.end >= e.start, { message: 'moet na het begin liggen', path: ['end'] })
  .refine((e) => !e.signup?.deadline || e.signup.deadline <= e.start, { message: 'moet vóór het begin liggen', path: ['signup', 'deadline'] });

/** An event after parsing. */
export type Event = z.output<typeof eventSchema>;
