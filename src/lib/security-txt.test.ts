import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../schemas/settings.ts';
import { getDefaultSecurityContact, renderSecurityTxt, SECURITY_TXT_DAYS, toSecurityContact } from './security-txt.ts';

describe('security.txt (RFC 9116)', () => {
  it('names the contact, expires less than a year after the build, prefers Dutch and says where it lives', () => {
    const text = renderSecurityTxt({ contact: 'mailto:security@wadvoort.nl', siteUrl: 'https://intranet.wadvoort.nl/', now: new Date('2026-11-23T04:00:00.123Z') });
    expect(text).toBe(
      'Contact: mailto:security@wadvoort.nl\nExpires: 2027-11-22T04:00:00Z\nPreferred-Languages: nl, en\nCanonical: https://intranet.wadvoort.nl/.well-known/security.txt\n',
    );
    expect(SECURITY_TXT_DAYS).toBeLessThan(365);
  });
  it('turns the setting into a Contact URI: an e-mail address becomes mailto:, https:// stays', () => {
    expect(toSecurityContact('security@wadvoort.nl', undefined)).toBe('mailto:security@wadvoort.nl');
    expect(toSecurityContact('mailto:cert@wadvoort.nl', undefined)).toBe('mailto:cert@wadvoort.nl');
    expect(toSecurityContact('https://wadvoort.nl/kwetsbaarheid-melden', undefined)).toBe('https://wadvoort.nl/kwetsbaarheid-melden');
    expect(toSecurityContact(undefined, 'communicatie@wadvoort.nl')).toBe('mailto:security@wadvoort.nl');
  });
  it('falls back to security@ at the domain of the news-tip address', () => {
    expect(getDefaultSecurityContact('communicatie@zeewolde.nl')).toBe('mailto:security@zeewolde.nl');
    expect(getDefaultSecurityContact(undefined)).toBe('mailto:security@example.org');
  });
});

describe('the securityContact setting', () => {
  it('takes an e-mail address or an https page, nothing else', () => {
    const base = { name: 'Plein', organisation: 'Gemeente Wadvoort', logo: { src: '/media/logo.svg', alt: 'Logo' }, footer: { text: '' }, newsTipEmail: 'communicatie@wadvoort.nl' };
    expect(settingsSchema.safeParse({ ...base, securityContact: 'security@wadvoort.nl' }).success).toBe(true);
    expect(settingsSchema.safeParse({ ...base, securityContact: 'https://wadvoort.nl/melden' }).success).toBe(true);
    expect(settingsSchema.safeParse(base).success).toBe(true);
    for (const bad of ['javascript:alert(1)', 'http://wadvoort.nl/melden', 'security']) {
      expect(settingsSchema.safeParse({ ...base, securityContact: bad }).success).toBe(false);
    }
  });
});
