// Site settings: the organisation's name, logo, menus and footer.
import { z } from 'astro/zod';
import { HREF, ID, IMAGE, hint } from './common.ts';

const LINK = z.strictObject({
  label: hint(z.string().trim().min(1, 'mag niet leeg zijn'), { label: 'Tekst' }),
  href: hint(HREF, { label: 'Link' }),
  description: hint(z.string().trim().optional(), { label: 'Omschrijving' }),
});

/** A colour as a six-digit hex code, as web app manifests and <meta name="theme-color"> take it. */
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Who reviews pull requests on the pages of one owner (npm run codeowners writes .github/CODEOWNERS from these). */
const GITHUB_REVIEWER = z.strictObject({
  owner: hint(ID, { label: 'Eigenaar', widget: 'relation', ref: ['afdelingen', 'collegas'] }),
  team: hint(z.string().regex(/^@[\w.-]+(\/[\w.-]+)?$/, 'moet de vorm @organisatie/team of @gebruikersnaam hebben'), { label: 'GitHub-team of -gebruiker' }),
});

/** A role or location the settings define: a fixed id (what people, news and the HR import refer to) and its Dutch name. */
const NAMED_ID = z.strictObject({
  id: hint(ID, { label: 'Id', hint: 'Kleine letters, cijfers en streepjes, bijvoorbeeld buitendienst. Verander een id niet meer als collega’s of nieuws het gebruiken.' }),
  label: hint(z.string().trim().min(2, 'is te kort').max(60, 'is te lang (hoogstens 60 tekens)'), { label: 'Naam' }),
});

/** Finds a second entry with the same id in a settings list. */
function uniqueIds(list: { id: string }[], ctx: z.RefinementCtx, field: string) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `id "${item.id}" staat er twee keer in`, path: [field, i, 'id'] });
    seen.add(item.id);
  });
}

/** Default retention terms in months (issue 19, docs/privacy.md): long enough for a conversation to be looked back on, short enough that a timeline is not an archive. */
export const RETENTION_DEFAULTS = {
  berichten: 24,
  groepsberichten: 24,
  reacties: 24,
  verborgen: 6,
  moderatielog: 24,
  bereik: 13,
  meldingen: 6,
  gelezen: 24,
  zoektermen: 13,
} as const;

/** The kinds of data a retention term applies to. */
export type RetentionKind = keyof typeof RETENTION_DEFAULTS;

/** The longest term a setting may name: ten years. */
export const RETENTION_MAX_MONTHS = 120;

const months = (kind: RetentionKind, label: string, help: string) =>
  hint(
    z
      .number({ error: 'moet een aantal maanden zijn (een heel getal)' })
      .int('moet een heel aantal maanden zijn')
      .min(1, 'moet minstens 1 maand zijn')
      .max(RETENTION_MAX_MONTHS, `moet hoogstens ${RETENTION_MAX_MONTHS} maanden zijn`)
      .default(RETENTION_DEFAULTS[kind]),
    { label, widget: 'number', hint: `${help} Standaard ${RETENTION_DEFAULTS[kind]} maanden.` },
  );

/** Retention terms per kind, in months: what is older is removed by the retention job (npm run retention, the Node server daily). */
export const retentionSchema = z.strictObject({
  /** Posts on the timeline, counted from when they were posted; their photos and the comments under them go with them. */
  berichten: months('berichten', 'Berichten op de tijdlijn', 'Berichten op de tijdlijn (met foto’s en reacties eronder), gerekend vanaf het plaatsen.'),
  /** Posts in groups (also private groups), counted from when they were posted. */
  groepsberichten: months('groepsberichten', 'Berichten in groepen', 'Berichten in groepen, ook besloten groepen (met foto’s en reacties eronder).'),
  /** Comments, under anything (news, knowledge pages, events, posts). */
  reacties: months('reacties', 'Reacties', 'Reacties onder nieuws, kennispagina’s, agenda en berichten.'),
  /** Hidden posts and comments, counted from when they were hidden (when that comes before their own term). */
  verborgen: months('verborgen', 'Verborgen berichten en reacties', 'Verborgen berichten en reacties, gerekend vanaf het verbergen (als dat eerder is dan hun eigen termijn).'),
  /** The moderation log and decided reports. */
  moderatielog: months('moderatielog', 'Moderatielogboek', 'Het logboek van moderatoren en afgehandelde meldingen.'),
  /** The aggregated reach figures (PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN on the server overrides this). */
  bereik: months('bereik', 'Bereikcijfers', 'De bereikcijfers (alleen opgeteld, nooit per persoon).'),
  /** Notifications (the bell, read or not). */
  meldingen: months('meldingen', 'Meldingen', 'Meldingen van collega’s (de bel), gelezen of niet.'),
  /** Read confirmations ("Gelezen") of must-read news. */
  gelezen: months('gelezen', 'Leesbevestigingen', 'Wie verplicht nieuws als gelezen bevestigde.'),
  /** The search terms and clicks, counted per week (no person): 13 months allows a year-on-year comparison. */
  zoektermen: months('zoektermen', 'Zoektermen', 'Hoe vaak per week naar iets is gezocht (opgeteld, nooit per persoon).'),
});

/** The retention terms after parsing (months per kind). */
export type RetentionTerms = z.output<typeof retentionSchema>;

/** The site settings file (content/instellingen/site.yml). */
export const settingsSchema = z.strictObject({
  /** Name of the intranet, e.g. "Plein Gemeente Zeewolde". */
  name: hint(z.string().trim().min(2, 'is te kort'), { label: 'Naam van het intranet' }),
  /** Name of the organisation. */
  organisation: hint(z.string().trim().min(2, 'is te kort'), { label: 'Organisatie' }),
  /** Logo with alt text. */
  logo: hint(IMAGE, { label: 'Logo', widget: 'object' }),
  /** The tiles on the home page: the most used tools and forms. */
  quickLinks: hint(z.array(LINK).default([]), { label: 'Snelkoppelingen', widget: 'list' }),
  /** The "Tools" menu in the header. */
  toolsMenu: hint(z.array(LINK).default([]), { label: 'Menu Tools', widget: 'list' }),
  /** Footer text and links. */
  footer: hint(z.strictObject({
    text: hint(z.string().trim(), { label: 'Tekst', widget: 'text' }),
    links: hint(z.array(LINK).default([]), { label: 'Links', widget: 'list' }),
  }), { label: 'Voettekst', widget: 'object' }),
  /** Colour of the installed app's title bar and of the browser's toolbar on a phone (manifest theme_color). */
  themeColor: hint(z.string().regex(HEX_COLOUR, 'moet een kleurcode zijn, bijvoorbeeld #0b5394').default('#0b5394'), {
    label: 'Themakleur van de app',
    hint: 'Kleurcode zoals #0b5394: de kleur van de balk bovenin als Plein als app op een telefoon staat.',
  }),
  /** Background of the installed app's start screen and of the app icons made from the logo (manifest background_color). */
  backgroundColor: hint(z.string().regex(HEX_COLOUR, 'moet een kleurcode zijn, bijvoorbeeld #ffffff').default('#ffffff'), {
    label: 'Achtergrondkleur van de app',
    hint: 'Kleurcode zoals #ffffff: het startscherm van de app en de achtergrond van het app-icoon met het logo.',
  }),
  /** Where colleagues send a news tip for the communication team. */
  newsTipEmail: hint(z.email({ error: 'moet een geldig e-mailadres zijn' }), { label: 'E-mail voor nieuwstips' }),
  /** Where security researchers report a vulnerability (security.txt Contact): an e-mail address or an https:// page. */
  securityContact: hint(
    z.string().trim().regex(/^((mailto:)?[^\s@:/]+@[^\s@]+\.[^\s@]+|https:\/\/\S+)$/, 'moet een e-mailadres of een https://-adres zijn').optional(),
    { label: 'Contact voor beveiligingsmeldingen', hint: 'Een e-mailadres (bijvoorbeeld security@gemeente.nl) of een https://-pagina met een meldformulier. Komt in /.well-known/security.txt.' },
  ),
  /** Roles colleagues can have (issue 17): news and agenda items can be aimed at them; the HR import and the CMS fill a colleague's roles. */
  roles: hint(z.array(NAMED_ID).default([]), {
    label: 'Rollen',
    widget: 'list',
    hint: 'Rollen die collega’s kunnen hebben, los van hun afdeling: bijvoorbeeld buitendienst, leidinggevenden, boa. Nieuws en agenda kunnen erop gericht worden.',
  }),
  /** Locations (vestigingen) colleagues work at (issue 17): news and agenda items can be aimed at them. */
  locations: hint(z.array(NAMED_ID).default([]), {
    label: 'Vestigingen',
    widget: 'list',
    hint: 'De vestigingen van de organisatie, bijvoorbeeld Stadhuis en Gemeentewerf. Een collega hoort bij één vestiging; nieuws en agenda kunnen erop gericht worden.',
  }),
  /** GitHub teams or users that review changes to the knowledge pages of a department or colleague. */
  githubTeams: hint(z.array(GITHUB_REVIEWER).default([]), {
    label: 'Beoordelaars op GitHub',
    widget: 'list',
    hint: 'Wie een wijziging in Weten en regelen moet goedkeuren, per eigenaar: bijvoorbeeld afdeling HR → @gemeente/hr. Zonder regel hier geldt het GitHub-team van de afdeling (bij een collega: van diens afdeling).',
  }),
  /**
   * Moderation (issue 19): hide a post or comment pending review once this many different colleagues reported it.
   * Absent: off (the default), because three colleagues acting together could otherwise silence anyone.
   */
  autoHideReports: hint(z.number().int('moet een heel getal zijn').min(3, 'moet minstens 3 zijn').max(100, 'moet hoogstens 100 zijn').optional(), {
    label: 'Automatisch verbergen na meldingen',
    widget: 'number',
    hint: 'Leeg laten = uit (aanbevolen). Een getal (minstens 3): een bericht of reactie wordt verborgen tot een moderator het bekeek, zodra zoveel verschillende collega’s het meldden. Let op: zo kunnen een paar collega’s samen iemand het zwijgen opleggen.',
  }),
  /** Retention terms per kind (issue 19): the retention job removes what is older; see docs/privacy.md. */
  bewaartermijn: hint(retentionSchema.default(RETENTION_DEFAULTS), {
    label: 'Bewaartermijnen (maanden)',
    widget: 'object',
    hint: 'Hoe lang Plein berichten, reacties en gegevens over collega’s bewaart. Wat ouder is, verwijdert Plein elke dag. Kies niet langer dan nodig (AVG).',
  }),
  /** Which comment system to use: the built-in one or giscus (GitHub Discussions; public repositories only). */
  comments: hint(z.enum(['plein', 'giscus']).default('plein'), { label: 'Reacties', widget: 'select', hint: 'giscus alleen als de repository openbaar is en collega’s een GitHub-account hebben.' }),
  /** The giscus settings from giscus.app, needed when comments is giscus. */
  giscus: hint(
    z.strictObject({
      repo: hint(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'moet de vorm organisatie/repository hebben'), { label: 'Repository' }),
      repoId: hint(z.string().min(1, 'mag niet leeg zijn'), { label: 'Repository-id' }),
      category: hint(z.string().min(1, 'mag niet leeg zijn'), { label: 'Discussiecategorie' }),
      categoryId: hint(z.string().min(1, 'mag niet leeg zijn'), { label: 'Categorie-id' }),
    }).optional(),
    { label: 'giscus', widget: 'object', hint: 'Kopieer deze waarden van giscus.app.' },
  ),
}).refine((s) => s.comments !== 'giscus' || s.giscus, { message: 'is verplicht als reacties via giscus gaan', path: ['giscus'] })
  .superRefine((s, ctx) => {
    uniqueIds(s.roles, ctx, 'roles');
    uniqueIds(s.locations, ctx, 'locations');
  });

/** The site settings after parsing. */
export type Settings = z.output<typeof settingsSchema>;
