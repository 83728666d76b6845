import { describe, expect, it } from 'vitest';
import { useTranslations } from './index.ts';
import { mustReadLabels } from './must-read.ts';
import { bannerLabels, liveLabelsJson, queueLabelsJson, searchBoxLabelsJson } from './page-labels.ts';

describe('page labels', () => {
  it('hands the scripts the labels of the locale, with placeholders left for the script to fill in', () => {
    const live = JSON.parse(liveLabelsJson()) as Record<string, string>;
    expect(live.edit).toBe(useTranslations()('actions.edit'));
    expect(live['appreciation.duim']).toBe(useTranslations()('appreciation.duim'));
    expect(Object.keys(live).some((k) => k.startsWith('report.'))).toBe(true);
    expect(JSON.parse(liveLabelsJson('en')).edit).toBe(useTranslations('en')('actions.edit'));
    const queue = JSON.parse(queueLabelsJson()) as Record<string, string>;
    expect(queue.postIn).toContain('{place}');
    expect(queue.logoutQuestion).toContain('{n}');
    expect(bannerLabels('en').labels).toEqual(mustReadLabels('banner', 'en'));
    expect(JSON.parse(bannerLabels().json)).toEqual(mustReadLabels('banner'));
    const search = JSON.parse(searchBoxLabelsJson()) as { types: Record<string, string>; none: string };
    expect(search.types.nieuws).toBe(useTranslations()('search.type.nieuws'));
    expect(search.none).toContain('{q}');
    expect(JSON.parse(searchBoxLabelsJson('en')).showAll).toBe(useTranslations('en')('search.showAll'));
  });
  it('puts each set together once per locale', () => {
    expect(bannerLabels('nl')).toBe(bannerLabels('nl'));
    expect(bannerLabels('en')).not.toBe(bannerLabels('nl'));
  });
});
