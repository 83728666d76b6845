// Preview templates: each CMS collection previewed with the site's own markup and stylesheet.
import { nl } from '../i18n/nl.ts';
import { formatDate } from '../lib/dates.ts';

/** React's createElement as Decap exposes it (window.h). */
export type H = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** The props Decap passes to a preview template. */
export interface PreviewProps {
  entry: { getIn: (path: string[]) => any };
  widgetFor: (name: string) => unknown;
  getAsset: (path: string) => { toString(): string } | string;
}

/** Names the previews show instead of ids. */
export interface PreviewLookups {
  people: Record<string, { name: string }>;
  departments: Record<string, { name: string }>;
}

type Template = (props: PreviewProps) => unknown;

function toDate(value: unknown): Date | undefined {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Builds the preview templates, keyed by content type (knowledge sections share one). */
export function createPreviewTemplates(h: H, lookups: PreviewLookups): Record<string, Template> {
  const data = (p: PreviewProps, ...path: string[]) => p.entry.getIn(['data', ...path]);
  const date = (value: unknown, withTime = false) => {
    const d = toDate(value);
    return d ? formatDate(d, 'nl', withTime) : '…';
  };
  const nameOf = (id: unknown) => (typeof id === 'string' ? (lookups.people[id] ?? lookups.departments[id])?.name ?? id : '…');
  const image = (p: PreviewProps, field: string, className: string) => {
    const src = data(p, field, 'src');
    return src ? h('img', { className, src: String(p.getAsset(src)), alt: data(p, field, 'alt') ?? '', width: 1200, height: 630 }) : null;
  };
  const page = (...children: unknown[]) => h('main', { id: 'inhoud' }, ...children);

  const news: Template = (p) => {
    const category = String(data(p, 'category') ?? '');
    const tags = (data(p, 'tags')?.toJS?.() ?? []) as string[];
    return page(
      h('article', { className: 'article' },
        h('h1', null, data(p, 'title') ?? ''),
        h('p', { className: 'meta' }, date(data(p, 'date')), ` · ${nl['news.by']} `, nameOf(data(p, 'author')), category ? ` · ${(nl as Record<string, string>)[`news.cat.${category}`] ?? category}` : ''),
        h('p', { className: 'lead' }, data(p, 'summary') ?? ''),
        image(p, 'cover', 'article-cover'),
        h('div', { className: 'prose' }, p.widgetFor('body')),
        tags.length ? h('div', { className: 'meta' }, `${nl['news.tags']}: `, h('ul', { className: 'tag-list' }, ...tags.map((t) => h('li', { key: t }, t)))) : null,
      ),
    );
  };

  const knowledge: Template = (p) =>
    page(
      h('article', null,
        h('h1', null, data(p, 'title') ?? ''),
        h('p', { className: 'lead' }, data(p, 'summary') ?? ''),
        h('dl', { className: 'page-facts' },
          h('dt', null, nl['kb.owner']), h('dd', null, nameOf(data(p, 'owner'))),
          h('dt', null, nl['kb.reviewed']), h('dd', null, date(data(p, 'reviewedAt'))),
        ),
        h('div', { className: 'prose' }, p.widgetFor('body')),
      ),
    );

  const event: Template = (p) =>
    page(
      h('article', { className: 'article' },
        h('h1', null, data(p, 'title') ?? ''),
        h('dl', { className: 'page-facts' },
          h('dt', null, nl['agenda.when']), h('dd', null, `${date(data(p, 'start'), true)} – ${date(data(p, 'end'), true)}`),
          h('dt', null, nl['agenda.where']), h('dd', null, data(p, 'location') ?? ''),
          h('dt', null, nl['agenda.organiser']), h('dd', null, nameOf(data(p, 'organiser'))),
        ),
        h('p', { className: 'lead' }, data(p, 'summary') ?? ''),
        h('div', { className: 'prose' }, p.widgetFor('body')),
      ),
    );

  const person: Template = (p) =>
    page(
      h('h1', null, data(p, 'name') ?? ''),
      h('p', { className: 'lead' }, data(p, 'jobTitle') ?? ''),
      h('dl', { className: 'page-facts' },
        h('dt', null, 'Afdeling'), h('dd', null, nameOf(data(p, 'department'))),
        h('dt', null, 'E-mail'), h('dd', null, data(p, 'email') ?? ''),
        h('dt', null, 'Telefoon'), h('dd', null, data(p, 'phone') ?? '–'),
      ),
    );

  const department: Template = (p) =>
    page(
      h('h1', null, data(p, 'name') ?? ''),
      h('p', { className: 'lead' }, data(p, 'description') ?? ''),
      h('dl', { className: 'page-facts' }, h('dt', null, nl['dept.manager']), h('dd', null, nameOf(data(p, 'manager')))),
    );

  const group: Template = (p) =>
    page(
      h('h1', null, data(p, 'name') ?? ''),
      h('p', { className: 'lead' }, data(p, 'description') ?? ''),
      image(p, 'cover', 'article-cover'),
      h('div', { className: 'prose' }, p.widgetFor('body')),
    );

  const section: Template = (p) =>
    page(
      h('h1', null, data(p, 'title') ?? ''),
      h('p', { className: 'lead' }, data(p, 'description') ?? ''),
      h('p', { className: 'meta' }, `${nl['kb.owner']}: `, nameOf(data(p, 'owner'))),
    );

  return { nieuws: news, kennis: knowledge, agenda: event, collegas: person, afdelingen: department, groepen: group, secties: section };
}
