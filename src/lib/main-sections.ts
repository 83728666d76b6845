// The main sections of the site, shared by the header's navigation and the phone's menu.
import type { UiKey } from '../i18n/index.ts';

/** Each section's address and the key of its label, in menu order. */
export const MAIN_SECTIONS: { href: string; label: UiKey }[] = [
  { href: '/nieuws/', label: 'nav.news' },
  { href: '/weten-en-regelen/', label: 'nav.knowledge' },
  { href: '/tijdlijn/', label: 'nav.timeline' },
  { href: '/groepen/', label: 'nav.groups' },
  { href: '/collegas/', label: 'nav.people' },
  { href: '/afdelingen/', label: 'nav.departments' },
  { href: '/agenda/', label: 'nav.agenda' },
];
