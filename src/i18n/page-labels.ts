// The label sets that components of every page (the layout's live feed, device queue, must-read banner) hand to their
// scripts as JSON: the same for every page of a locale, so each is put together once per locale instead of once for
// each of the thousands of pages of a build (a quarter of a millisecond a page for these three).
import { UI_LOCALE } from '../config.ts';
import { useTranslations, type Locale } from './index.ts';
import { LISTING_LABELS } from './listing-labels.ts';
import { reportLabels } from './moderation.ts';
import { mustReadLabels } from './must-read.ts';
import { POLL_LABELS } from './poll-labels.ts';
import { APPRECIATION_KIND_NAMES } from '../schemas/appreciations.ts';
import { SEARCH_TYPES } from '../lib/search-types.ts';

function perLocale<T>(make: (locale: Locale) => T): (locale?: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale = UI_LOCALE) => {
    if (!made.has(locale)) made.set(locale, make(locale));
    return made.get(locale)!;
  };
}

/** LiveUpdates' labels (edit, hide, appreciations, polls, listings, the report form) as JSON. */
export const liveLabelsJson = perLocale((locale) => {
  const t = useTranslations(locale);
  return JSON.stringify({
    edit: t('actions.edit'), save: t('actions.save'), cancel: t('actions.cancel'), delete: t('actions.delete'), hide: t('actions.hide'),
    confirmDelete: t('actions.confirmDelete'), edited: t('item.edited'), hideReason: t('actions.hideReason'), error: t('live.error'),
    appreciationsGroup: t('appreciations.group'), appreciationsWho: t('appreciations.who'), appreciationsFormer: t('appreciations.former'),
    ...Object.fromEntries(APPRECIATION_KIND_NAMES.map((kind) => [`appreciation.${kind}`, t(`appreciation.${kind}`)])),
    ...Object.fromEntries([...POLL_LABELS, ...LISTING_LABELS].map((key) => [key, t(key)])),
    ...reportLabels(locale),
  });
});

/** DeviceQueue's labels (waiting, refused, the logout question …) as JSON; placeholders stay for the script. */
export const queueLabelsJson = perLocale((locale) => {
  const t = useTranslations(locale);
  return JSON.stringify({
    waiting: t('queue.waiting'), refused: t('queue.refused'), expired: t('queue.expired'), loginAgain: t('queue.loginAgain'),
    send: t('queue.send'), edit: t('queue.edit'), discard: t('queue.discard'), corrupt: t('queue.corrupt'),
    logoutQuestion: t('queue.logoutQuestion', { n: '{n}' }), queued: t('queue.queued'), error: t('live.error'),
    kindPost: t('queue.kindPost'), kindComment: t('queue.kindComment'), postIn: t('queue.postIn', { place: '{place}' }),
    commentOn: t('queue.commentOn', { place: '{place}' }), othersOne: t('queue.othersOne'), othersMany: t('queue.othersMany', { n: '{n}' }),
    loggedOutOne: t('queue.loggedOutOne'), loggedOutMany: t('queue.loggedOutMany', { n: '{n}' }),
  });
});

/** The must-read banner's labels, and the same as JSON. */
export const bannerLabels = perLocale((locale) => {
  const labels = mustReadLabels('banner', locale);
  return { labels, json: JSON.stringify(labels) };
});

/** The header search box's labels (result types, "show all", loading, no results) as JSON. */
export const searchBoxLabelsJson = perLocale((locale) => {
  const t = useTranslations(locale);
  return JSON.stringify({
    types: Object.fromEntries(SEARCH_TYPES.map((type) => [type, t(`search.type.${type}`)])),
    showAll: t('search.showAll'),
    loading: t('search.loading'),
    none: t('search.noResults', { q: '{q}' }),
    offline: t('search.offline'),
    failed: t('search.failed'),
  });
});
