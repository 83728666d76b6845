// Dutch labels of the CMS itself (collections, choices, commit messages); the CMS runs in Dutch only.
import { nl } from '../i18n/nl.ts';
import { CONTENT_TYPES, type CollectionName } from '../schemas/index.ts';

/** Collection labels: plural for the sidebar, singular for "Nieuw …" — from the content registry. */
export const COLLECTION_LABELS = Object.fromEntries(
  Object.entries(CONTENT_TYPES).map(([name, type]) => [name, { label: type.label.plural, singular: type.label.singular }]),
) as Record<CollectionName, { label: string; singular: string }>;

/** Label of the Markdown body field. */
export const BODY_LABEL = 'Tekst';

/** Label of the site settings file in the settings collection. */
export const SETTINGS_FILE_LABEL = 'Site: snelkoppelingen, menu en voettekst';

/** Commit messages in Dutch; Decap fills in the placeholders. */
export const COMMIT_MESSAGES = {
  create: 'CMS: nieuw in {{collection}}: {{slug}}',
  update: 'CMS: {{collection}} bijgewerkt: {{slug}}',
  delete: 'CMS: verwijderd uit {{collection}}: {{slug}}',
  uploadMedia: 'CMS: afbeelding toegevoegd: {{path}}',
  deleteMedia: 'CMS: afbeelding verwijderd: {{path}}',
  openAuthoring: 'CMS: {{message}}',
};

const LANGUAGES: Record<string, string> = { nl: 'Nederlands', en: 'Engels' };
const COMMENT_SYSTEMS: Record<string, string> = { plein: 'Reacties van Plein zelf', giscus: 'giscus (GitHub Discussions)' };

/** The label shown for one value of a select field; falls back to the value itself. */
export function optionLabel(field: string, value: string): string {
  if (field === 'category') return (nl as Record<string, string>)[`news.cat.${value}`] ?? value;
  if (field === 'lang') return LANGUAGES[value] ?? value;
  if (field === 'comments') return COMMENT_SYSTEMS[value] ?? value;
  return value;
}
