// Colleagues (collega's): the people directory.
import { z } from 'astro/zod';
import { DATE, ID, IMAGE, hint } from './common.ts';

/** A colleague (content/collegas/<id>.yml). */
export const personSchema = z.strictObject({
  /** Full name as colleagues know it. */
  name: hint(z.string().trim().min(2, 'is te kort'), { label: 'Naam' }),
  /** Job title. */
  jobTitle: hint(z.string().trim().min(2, 'is te kort'), { label: 'Functie' }),
  /** Department id. */
  department: hint(ID, { label: 'Afdeling', widget: 'relation', ref: 'afdelingen' }),
  /** Work email; also how a login is matched to this profile. */
  email: hint(z.email({ error: 'moet een geldig e-mailadres zijn' }), { label: 'E-mail' }),
  /** Work phone number (the HR import writes it; whether it shows is phoneVisible, the colleague's own choice). */
  phone: hint(z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'moet een telefoonnummer zijn, bijvoorbeeld 06 12345678').optional(), { label: 'Telefoon' }),
  /** Where to find them: building, floor, or "buitendienst". */
  location: hint(z.string().trim().optional(), { label: 'Locatie' }),
  /** The location (vestiging) they work at: an id from the site settings' `locations`; news can be aimed at it. */
  workLocation: hint(ID.optional(), { label: 'Vestiging', ref: 'locaties', hint: 'Waar deze collega werkt, uit de vestigingen in de instellingen. Nieuws en agenda kunnen op een vestiging gericht worden.' }),
  /** Roles (ids from the site settings' `roles`), beside the department: news and agenda items can be aimed at them. */
  roles: hint(z.array(ID).default([]), { label: 'Rollen', widget: 'list', ref: 'rollen', hint: 'Rollen uit de instellingen, bijvoorbeeld buitendienst of leidinggevenden. De HR-import vult ze; nieuws en agenda kunnen erop gericht worden.' }),
  /** Subjects they can help with. */
  expertise: hint(z.array(z.string().trim().min(1)).default([]), { label: 'Expertise', widget: 'list' }),
  /** Profile photo; only shown when photoConsent is true. */
  photo: hint(IMAGE.optional(), { label: 'Foto', widget: 'object' }),
  /** The colleague agreed to show their photo (AVG/GDPR); they can change it themselves on their profile. */
  photoConsent: hint(z.boolean().default(false), { label: 'Toestemming voor foto', widget: 'boolean' }),
  /** "Over mij", written by the colleague themselves (the HR import never writes it). */
  about: hint(z.string().trim().min(1, 'mag niet leeg zijn').max(1000, 'is te lang (hoogstens 1000 tekens)').optional(), { label: 'Over mij', widget: 'text', hint: 'Schrijft de collega zelf, op zijn of haar profiel.' }),
  /** "Vraag me over": subjects the colleague likes to be asked about; their own choice, beside the expertise HR or an editor keeps. */
  askMeAbout: hint(z.array(z.string().trim().min(1, 'mag niet leeg zijn').max(60, 'is te lang (hoogstens 60 tekens)')).max(10, 'hoogstens 10 onderwerpen').default([]), {
    label: 'Vraag me over',
    widget: 'list',
    hint: 'Kiest de collega zelf, op zijn of haar profiel.',
  }),
  /** Whether the phone number shows on Plein; the colleague's own choice (the import writes the number, never this). */
  phoneVisible: hint(z.boolean().default(true), { label: 'Telefoonnummer zichtbaar', widget: 'boolean', hint: 'Kiest de collega zelf. Uit: het nummer staat niet op Plein, ook niet in de zoekresultaten.' }),
  /** First working day; recent starters show on the home page. */
  startDate: hint(DATE, { label: 'In dienst sinds', widget: 'date' }),
  /** Personnel number from the HR system; links `npm run import:people` to this profile. Never shown. */
  personnelNumber: hint(z.string().trim().min(1, 'mag niet leeg zijn').optional(), { label: 'Personeelsnummer', hint: 'Uit de HR-export; koppelt de import aan dit profiel. Niet zichtbaar op Plein.' }),
  /** Whether this colleague may edit content and moderate everywhere. */
  editor: hint(z.boolean().default(false), { label: 'Redacteur', widget: 'boolean' }),
});

/** A colleague after parsing. */
export type Person = z.output<typeof personSchema>;
