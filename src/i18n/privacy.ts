// The UI strings of erasure for editors (/beheer/wissen/, issue 19, AVG art. 17), Dutch and English, in their own file
// so the page hands the browser exactly these.
import { UI_LOCALE } from '../config.ts';
import type { Locale } from './index.ts';

const nl = {
  title: 'Gegevens wissen (AVG)',
  intro: 'Wis een oud-collega op verzoek of na vertrek (AVG artikel 17), of één bericht op verzoek. Plein legt het vast in één commit zonder persoonsgegevens in het bericht. Dit kan niet ongedaan worden gemaakt.',
  cardIntro: 'Een oud-collega of één bericht wissen (AVG), met bevestiging.',
  noscript: 'Deze pagina heeft JavaScript nodig om gegevens te wissen.',
  colleagueTitle: 'Een collega wissen',
  colleagueWhat: 'Weg gaan: het profiel, de berichten met foto’s, de reacties (ook die van anderen onder hun berichten) en hun wijzigingsvoorstellen. Vermeldingen in andere berichten worden “een oud-collega”.',
  colleague: 'Id van de collega',
  colleagueHint: 'Het laatste deel van het adres van hun profiel, bijvoorbeeld anouk-de-vries.',
  handOver: 'Overdragen aan (id, als dat nodig is)',
  handOverHint: 'Is de collega eigenaar van een pagina, moderator van een groep, organisator of leidinggevende? Die taken gaan naar deze collega. Zonder overdracht wist Plein niets en toont het waar de collega nog genoemd wordt.',
  postTitle: 'Eén bericht wissen',
  postWhat: 'Het bericht, de foto’s erbij en alle reacties eronder.',
  post: 'Id van het bericht',
  postHint: 'Het laatste deel van het adres van het bericht: 26 tekens, bijvoorbeeld 01jd3k…',
  erase: 'Wissen …',
  confirmColleague: 'Weet je het zeker? Collega “{id}” wordt definitief gewist. Dit kan niet ongedaan worden gemaakt.',
  confirmPost: 'Weet je het zeker? Bericht {id} wordt met de reacties eronder definitief gewist. Dit kan niet ongedaan worden gemaakt.',
  confirm: 'Ja, definitief wissen',
  cancel: 'Annuleren',
  cancelled: 'Niets gewist.',
  busy: 'Bezig met wissen …',
  doneColleague: 'Gewist in één commit: {collegaBestanden} profiel, {berichten} berichten, {fotos} foto’s, {reacties} reacties, {reactiesVanAnderen} reacties van anderen eronder; {vermeldingen} bestanden met een vermelding aangepast, {overgedragenVerwijzingen} verwijzingen overgedragen, {voorstellen} wijzigingsvoorstellen verwijderd.',
  donePost: 'Gewist in één commit: {berichten} bericht, {fotos} foto’s en {reactiesVanAnderen} reacties eronder.',
  stateDone: 'Ook de statusopslag (waarderingen, aanmeldingen, meldingen enzovoort) is gewist: {n} rijen gewist of geanonimiseerd.',
  stateNote: 'Let op: waarderingen, aanmeldingen, meldingen en andere gegevens in de statusopslag zijn niet gewist (deze server kon dat niet). Laat een beheerder op de server uitvoeren: npm run erase -- --colleague {id} --state-only',
  proposalsUnknown: 'onbekend aantal',
  references: 'De collega wordt nog genoemd in deze velden; vul bij “Overdragen aan” een collega in die ze overneemt:',
  files: 'In deze bestanden zou de collega genoemd blijven; pas ze eerst aan:',
  forbidden: 'Alleen redacteuren kunnen gegevens wissen.',
  login: 'Log in als redacteur om gegevens te wissen.',
  failed: 'Wissen lukte niet. Probeer het later opnieuw; er is niets veranderd.',
};

const en: Record<keyof typeof nl, string> = {
  title: 'Erase data (GDPR)',
  intro: 'Erase a former colleague on request or after they left (GDPR article 17), or one post on request. Plein records it in one commit whose message holds no personal data. This cannot be undone.',
  cardIntro: 'Erase a former colleague or one post (GDPR), with a confirmation.',
  noscript: 'This page needs JavaScript to erase data.',
  colleagueTitle: 'Erase a colleague',
  colleagueWhat: 'What goes: the profile, their posts with photos, their comments (and others’ comments under their posts) and their suggested edits. Mentions in other posts become “een oud-collega”.',
  colleague: 'Colleague id',
  colleagueHint: 'The last part of their profile’s address, e.g. anouk-de-vries.',
  handOver: 'Hand over to (id, if needed)',
  handOverHint: 'Does the colleague own a page, moderate a group, organise an event or manage a department? Those go to this colleague. Without a hand-over Plein erases nothing and shows where the colleague is still named.',
  postTitle: 'Erase one post',
  postWhat: 'The post, its photos and every comment under it.',
  post: 'Post id',
  postHint: 'The last part of the post’s address: 26 characters, e.g. 01jd3k…',
  erase: 'Erase …',
  confirmColleague: 'Are you sure? Colleague “{id}” will be erased for good. This cannot be undone.',
  confirmPost: 'Are you sure? Post {id} and the comments under it will be erased for good. This cannot be undone.',
  confirm: 'Yes, erase for good',
  cancel: 'Cancel',
  cancelled: 'Nothing was erased.',
  busy: 'Erasing …',
  doneColleague: 'Erased in one commit: {collegaBestanden} profile, {berichten} posts, {fotos} photos, {reacties} comments, {reactiesVanAnderen} comments of others under them; {vermeldingen} files with a mention changed, {overgedragenVerwijzingen} references handed over, {voorstellen} suggested edits deleted.',
  donePost: 'Erased in one commit: {berichten} post, {fotos} photos and {reactiesVanAnderen} comments under it.',
  stateDone: 'The state store (appreciations, sign-ups, notifications and so on) is erased too: {n} rows erased or anonymised.',
  stateNote: 'Note: appreciations, sign-ups, notifications and other data in the state store are not erased (this server could not do it). Ask an administrator to run on the server: npm run erase -- --colleague {id} --state-only',
  proposalsUnknown: 'an unknown number of',
  references: 'The colleague is still named in these fields; fill in a colleague under “Hand over to” who takes them over:',
  files: 'The colleague would still be named in these files; change them first:',
  forbidden: 'Only editors can erase data.',
  login: 'Log in as an editor to erase data.',
  failed: 'Erasing failed. Try again later; nothing was changed.',
};

/** The erasure page's strings of a locale, as one object (handed to the browser as data-labels). */
export function privacyText(locale: Locale = UI_LOCALE): Record<keyof typeof nl, string> {
  return locale === 'en' ? en : nl;
}
