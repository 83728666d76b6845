// News items (nieuws): announcements by the communication team, with scheduling and expiry.
import { z } from 'astro/zod';
import { AUDIENCE } from './audience.ts';
import { DATE, ID, IMAGE, hint } from './common.ts';

/** The categories a news item can be filed under; each has its own listing page. */
export const NEWS_CATEGORIES = ['organisatie', 'personeel', 'ict', 'facilitair', 'veiligheid', 'gemeente'] as const;

/** Front matter of a news item (content/nieuws/*.md). */
export const newsSchema = z.strictObject({
  /** Headline shown in lists and on the article. */
  title: hint(z.string().trim().min(3, 'is te kort (minstens 3 tekens)').max(120, 'is te lang (hoogstens 120 tekens)'), { label: 'Titel' }),
  /** One or two sentences for lists, search results and the RSS feed. */
  summary: hint(z.string().trim().min(10, 'is te kort (minstens 10 tekens)').max(300, 'is te lang (hoogstens 300 tekens)'), { label: 'Samenvatting', widget: 'text' }),
  /** The date the item is dated on. */
  date: hint(DATE, { label: 'Datum', widget: 'datetime' }),
  /** The colleague who wrote it (an id from the colleagues directory). */
  author: hint(ID, { label: 'Auteur', widget: 'relation', ref: 'collegas' }),
  /** One of NEWS_CATEGORIES. */
  category: hint(z.enum(NEWS_CATEGORIES, { error: `moet een van deze zijn: ${NEWS_CATEGORIES.join(', ')}` }), { label: 'Categorie', widget: 'select' }),
  /** Optional cover image with alt text. */
  cover: hint(IMAGE.optional(), { label: 'Omslagafbeelding', widget: 'object' }),
  /** Free tags, used in search filters. */
  tags: hint(z.array(z.string().trim().min(1)).default([]), { label: 'Tags', widget: 'list' }),
  /** Publish later: the item is not built before this moment. */
  publishDate: hint(DATE.optional(), { label: 'Publiceren vanaf', widget: 'datetime', hint: 'Laat leeg om direct te publiceren.' }),
  /** The item disappears from the site after this moment. */
  expiryDate: hint(DATE.optional(), { label: 'Verloopt op', widget: 'datetime' }),
  /** Who the item is for (issue 17); absent: everyone. Everyone can read it; notifications go to the audience only. */
  audience: AUDIENCE,
  /** Also a notification in Plein for the item's audience, once, when it is published. */
  melding: hint(z.boolean().default(false), {
    label: 'Als melding sturen',
    widget: 'boolean',
    hint: 'Collega’s voor wie dit nieuws is krijgen één keer een melding in Plein zodra het gepubliceerd is. Alleen voor nieuws dat de doelgroep echt moet zien.',
  }),
  /** Must-read (issue 17): the item's audience sees a banner until they press "Gelezen"; reminders after 3 days and at the deadline. */
  verplichtLezen: hint(z.boolean().default(false), {
    label: 'Verplicht lezen',
    widget: 'boolean',
    hint: 'Collega’s voor wie dit nieuws is zien een balk tot ze op ‘Gelezen’ drukken; wie na 3 dagen niet bevestigde krijgt een herinnering. Alleen voor nieuws dat iedereen in de doelgroep echt moet lezen.',
  }),
  /** Optional deadline of a must-read item: a last reminder then, and shown in the banner. */
  gelezenVoor: hint(DATE.optional(), { label: 'Gelezen vóór', widget: 'datetime', hint: 'Alleen bij verplicht lezen: wie dan nog niet bevestigde krijgt een laatste herinnering.' }),
  /** A draft is never built. */
  draft: hint(z.boolean().default(false), { label: 'Concept', widget: 'boolean' }),
  /** Language of the item; English items go to the English search index. */
  lang: hint(z.enum(['nl', 'en']).default('nl'), { label: 'Taal', widget: 'select' }),
}).refine((d) => !d.publishDate || !d.expiryDate || d.expiryDate > d.publishDate, {
  message: 'moet na publishDate liggen',
  path: ['expiryDate'],
}).refine((d) => !d.gelezenVoor || d.verplichtLezen, {
  message: 'kan alleen bij verplicht lezen (zet verplichtLezen aan of haal de datum weg)',
  path: ['gelezenVoor'],
}).refine((d) => !d.gelezenVoor || d.gelezenVoor >= (d.publishDate ?? d.date), {
  message: 'mag niet vóór de publicatiedatum liggen',
  path: ['gelezenVoor'],
});

/** A news item's front matter after parsing. */
export type News = z.output<typeof newsSchema>;
