// The knowledge pages' MDX components as Decap editor components: parse, write back and preview them.
import { nl } from '../i18n/nl.ts';
import { getInitials, pickColour } from '../lib/avatar.ts';
import { renderMarkdown } from '../lib/render-markdown.ts';

/** What a ContactCard preview needs to know about a colleague. */
export interface PersonSummary {
  name: string;
  jobTitle: string;
  email: string;
  phone?: string;
}

/** A Decap editor component definition (the argument of CMS.registerEditorComponent). */
export interface EditorComponent {
  id: string;
  label: string;
  fields: Record<string, unknown>[];
  pattern: RegExp;
  fromBlock: (match: RegExpMatchArray) => Record<string, unknown>;
  toBlock: (data: Record<string, any>) => string;
  toPreview: (data: Record<string, any>) => string;
}

/** The callout kinds Callout.astro accepts, with the site's own titles and icons. */
export const CALLOUT_TYPES = ['info', 'tip', 'let-op', 'waarschuwing'] as const;
const ICONS: Record<string, string> = { info: 'i', tip: '★', 'let-op': '!', waarschuwing: '⚠' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
// MDX attribute strings cannot hold a double quote; a typographic one reads the same.
const attr = (s: string) => s.replace(/"/g, '”').replace(/[\r\n]+/g, ' ').trim();

/** <Callout type="…" title="…">Markdown</Callout> */
const callout: EditorComponent = {
  id: 'callout',
  label: 'Kader (info, tip, let op, waarschuwing)',
  fields: [
    { name: 'type', label: 'Soort', widget: 'select', default: 'info', options: CALLOUT_TYPES.map((value) => ({ value, label: nl[`callout.${value}`] })) },
    { name: 'title', label: 'Titel', widget: 'string', required: false, hint: 'Laat leeg voor de standaardtitel van deze soort.' },
    { name: 'body', label: 'Tekst', widget: 'markdown', buttons: ['bold', 'italic', 'link', 'bulleted-list', 'numbered-list'], editor_components: [] },
  ],
  pattern: /^<Callout(?: type="(info|tip|let-op|waarschuwing)")?(?: title="([^"]*)")?>\n([\s\S]*?)\n<\/Callout>/,
  fromBlock: (m) => ({ type: m[1] ?? 'info', title: m[2] ?? '', body: m[3].trim() }),
  toBlock: (d) => `<Callout type="${CALLOUT_TYPES.includes(d.type) ? d.type : 'info'}"${d.title?.trim() ? ` title="${attr(d.title)}"` : ''}>\n${String(d.body ?? '').trim()}\n</Callout>`,
  toPreview: (d) => {
    const type = CALLOUT_TYPES.includes(d.type) ? (d.type as (typeof CALLOUT_TYPES)[number]) : 'info';
    const title = escapeHtml(d.title?.trim() || nl[`callout.${type}`]);
    return `<aside class="callout callout-${type}" aria-label="${title}"><p class="callout-title"><span class="callout-icon" aria-hidden="true">${ICONS[type]}</span> ${title}</p><div class="callout-body">${renderMarkdown(String(d.body ?? ''))}</div></aside>`;
  },
};

/** <Steps> around a numbered list; edited as a list of steps. */
const steps: EditorComponent = {
  id: 'steps',
  label: 'Stappen',
  fields: [{ name: 'steps', label: 'Stappen', widget: 'list', collapsed: false, summary: '{{fields.step}}', field: { name: 'step', label: 'Stap', widget: 'text' } }],
  pattern: /^<Steps>\n\n([\s\S]*?)\n\n<\/Steps>/,
  fromBlock: (m) => ({
    steps: m[1].split(/\n(?=\d+\.\s)/).map((s) => s.replace(/^\d+\.\s+/, '').replace(/\n {2,3}/g, '\n').trim()).filter(Boolean),
  }),
  toBlock: (d) => {
    const list = ((d.steps ?? []) as string[]).map((s, i) => `${i + 1}. ${String(s).trim().replace(/\n/g, '\n   ')}`);
    return `<Steps>\n\n${list.join('\n') || '1. '}\n\n</Steps>`;
  },
  toPreview: (d) => {
    const items = ((d.steps ?? []) as string[]).map((s) => `<li>${renderMarkdown(String(s)).replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1')}</li>`);
    return `<div class="steps"><ol>${items.join('')}</ol></div>`;
  },
};

/** <ContactCard person="id" />, previewed from the colleagues directory. */
function contactCard(people: Record<string, PersonSummary>): EditorComponent {
  return {
    id: 'contact-card',
    label: 'Contactpersoon',
    fields: [{ name: 'person', label: 'Collega', widget: 'relation', collection: 'collegas', value_field: '{{slug}}', search_fields: ['name'], display_fields: ['name'] }],
    pattern: /^<ContactCard person="([a-z0-9][a-z0-9-]*)" ?\/>/,
    fromBlock: (m) => ({ person: m[1] }),
    toBlock: (d) => `<ContactCard person="${String(d.person ?? '').replace(/[^a-z0-9-]/g, '')}" />`,
    toPreview: (d) => {
      const id = String(d.person ?? '');
      const p = people[id];
      if (!p) return `<aside class="contact-card"><p>Kies een collega (onbekend: “${escapeHtml(id)}”).</p></aside>`;
      const avatar = `<svg class="avatar" width="56" height="56" viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="24" fill="${pickColour(id)}"></circle><text x="24" y="24" dy=".35em" text-anchor="middle" font-size="18" font-weight="700" fill="#fff">${escapeHtml(getInitials(p.name))}</text></svg>`;
      const phone = p.phone ? ` · <a href="tel:${escapeHtml(p.phone.replace(/[^+\d]/g, ''))}">${escapeHtml(p.phone)}</a>` : '';
      return `<aside class="contact-card" aria-label="${nl['contact.title']}: ${escapeHtml(p.name)}">${avatar}<div><p class="contact-card-kicker">${nl['contact.title']}</p><p class="contact-card-name"><a href="/collegas/${id}/">${escapeHtml(p.name)}</a></p><p>${escapeHtml(p.jobTitle)}</p><p><a href="mailto:${escapeHtml(p.email)}">${escapeHtml(p.email)}</a>${phone}</p></div></aside>`;
    },
  };
}

/** Every editor component, with colleagues for the ContactCard preview. */
export function createEditorComponents(people: Record<string, PersonSummary>): EditorComponent[] {
  return [callout, steps, contactCard(people)];
}
