// Looks up UI strings by key and locale; Dutch is the default, English the second language.
import { UI_LOCALE } from '../config.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

/** The locales the UI is available in. */
export const LOCALES = ['nl', 'en'] as const;
/** A UI locale. */
export type Locale = (typeof LOCALES)[number];
/** A key of the UI dictionary. */
export type UiKey = keyof typeof nl;

const DICTIONARIES: Record<Locale, Record<UiKey, string>> = { nl, en };

/** Returns a translator for a locale: `t('post.comments', { n: 3 })`. */
export function useTranslations(locale: Locale = UI_LOCALE) {
  const dictionary = DICTIONARIES[locale];
  // Called thousands of times per page at build time: a string without placeholders is returned as it is.
  return (key: UiKey, vars?: Record<string, string | number>): string => {
    const text = dictionary[key];
    return text.includes('{') ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`)) : text;
  };
}
