// The UI strings of must-read news (issue 17): the banner on every page, the editors' page /beheer/verplicht-lezen/
// and "Voor jou" on the home page, Dutch and English, in their own file so each hands the browser exactly these.
import { UI_LOCALE } from '../config.ts';
import type { Locale } from './index.ts';

const nl = {
  'banner.title': 'Verplicht lezen',
  'banner.intro': 'Dit nieuws is voor jou verplicht om te lezen. Bevestig met ‘Gelezen’ als je het hebt gelezen.',
  'banner.until': 'vóór {date}',
  'banner.read': 'Gelezen',
  'banner.readLabel': 'Gelezen: {title}',
  'banner.open': 'Lees en bevestig',
  'banner.done': 'Bedankt: je hebt bevestigd dat je ‘{title}’ hebt gelezen.',
  'admin.title': 'Verplicht lezen',
  'admin.intro': 'Hoeveel collega’s uit de doelgroep verplicht nieuws als gelezen bevestigden, per afdeling. Collega’s bevestigen zelf met ‘Gelezen’; alleen wie nog niet bevestigde kun je als lijst downloaden.',
  'admin.cardIntro': 'Wie verplicht nieuws als gelezen bevestigde, per afdeling, en wie nog niet.',
  'admin.loading': 'De cijfers worden geladen …',
  'admin.none': 'Er is nu geen nieuws als verplicht lezen gemarkeerd.',
  'admin.noscript': 'Deze pagina heeft JavaScript nodig om de cijfers te laden.',
  'admin.forbidden': 'Alleen redacteuren zien deze cijfers.',
  'admin.login': 'Log in als redacteur om de cijfers te zien.',
  'admin.item': 'Nieuwsbericht',
  'admin.pick': 'Kies een nieuwsbericht',
  'admin.show': 'Tonen',
  'admin.summary': '{read} van {total} collega’s uit de doelgroep bevestigden ({pct}%).',
  'admin.deadline': 'Deadline: {date}.',
  'admin.caption': 'Bevestigd per afdeling: {title}',
  'admin.department': 'Afdeling',
  'admin.audience': 'Doelgroep',
  'admin.confirmed': 'Gelezen',
  'admin.percentage': 'Percentage',
  'admin.export': 'Download wie nog niet bevestigde (CSV)',
  'admin.exportNote': 'De enige plek waar namen staan: collega’s bevestigen zelf dat ze het lazen. Gebruik de lijst alleen om hen te helpen en bewaar hem niet langer dan nodig (zie docs/privacy.md).',
  'forYou.title': 'Voor jou',
  'forYou.mustRead': 'Nog te bevestigen',
  'forYou.news': 'Nieuws voor jou',
  'forYou.groups': 'Uit je groepen',
  'forYou.signups': 'Je aanmeldingen',
  'forYou.agenda': 'Agenda voor jou',
  'forYou.waiting': 'wachtlijst',
  'forYou.empty': 'Niets nieuws voor jou op dit moment.',
};

const en: Record<keyof typeof nl, string> = {
  'banner.title': 'Must read',
  'banner.intro': 'You are required to read this news. Confirm with ‘Read’ once you have read it.',
  'banner.until': 'by {date}',
  'banner.read': 'Read',
  'banner.readLabel': 'Read: {title}',
  'banner.open': 'Read and confirm',
  'banner.done': 'Thank you: you confirmed you read ‘{title}’.',
  'admin.title': 'Must read',
  'admin.intro': 'How many colleagues in the audience confirmed must-read news, per department. Colleagues confirm themselves with ‘Read’; only those who have not confirmed yet can be downloaded as a list.',
  'admin.cardIntro': 'Who confirmed must-read news, per department, and who has not yet.',
  'admin.loading': 'Loading the figures …',
  'admin.none': 'No news is marked must-read at the moment.',
  'admin.noscript': 'This page needs JavaScript to load the figures.',
  'admin.forbidden': 'Only editors see these figures.',
  'admin.login': 'Log in as an editor to see the figures.',
  'admin.item': 'News item',
  'admin.pick': 'Choose a news item',
  'admin.show': 'Show',
  'admin.summary': '{read} of {total} colleagues in the audience confirmed ({pct}%).',
  'admin.deadline': 'Deadline: {date}.',
  'admin.caption': 'Confirmed per department: {title}',
  'admin.department': 'Department',
  'admin.audience': 'Audience',
  'admin.confirmed': 'Read',
  'admin.percentage': 'Percentage',
  'admin.export': 'Download who has not confirmed yet (CSV)',
  'admin.exportNote': 'The one place names appear: colleagues confirm themselves that they read it. Use the list only to help them and keep it no longer than needed (see docs/privacy.md).',
  'forYou.title': 'For you',
  'forYou.mustRead': 'Still to confirm',
  'forYou.news': 'News for you',
  'forYou.groups': 'From your groups',
  'forYou.signups': 'Your sign-ups',
  'forYou.agenda': 'Events for you',
  'forYou.waiting': 'waiting list',
  'forYou.empty': 'Nothing new for you right now.',
};

/** A key of the must-read strings. */
export type MustReadKey = keyof typeof nl;

/** The must-read strings of a locale, as one object (handed to the browser as data-labels). */
export function mustReadText(locale: Locale = UI_LOCALE): Record<MustReadKey, string> {
  return locale === 'en' ? en : nl;
}

/** The strings of one part (`banner.`, `admin.`, `forYou.`), keys without the prefix. */
export function mustReadLabels(prefix: 'banner' | 'admin' | 'forYou', locale: Locale = UI_LOCALE): Record<string, string> {
  return Object.fromEntries(Object.entries(mustReadText(locale)).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));
}
