import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { useTranslations } from './index.ts';
import { nl } from './nl.ts';

describe('i18n', () => {
  it('has an English string for every Dutch key and none extra', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });
  it('fills in variables', () => {
    expect(useTranslations()('post.comments', { n: 3 })).toBe('3 reacties');
    expect(useTranslations('en')('post.comments', { n: 3 })).toBe('3 comments');
  });
});
