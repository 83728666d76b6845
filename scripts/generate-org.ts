// `node scripts/generate-org.ts --items N [--out DIR] [--seed S]`: writes a synthetic organisation of N
// content items (every type, Dutch text, valid against src/schemas) to a folder the build can use via
// PLEIN_CONTENT_DIR. The same N and seed always give the same files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { stringifyFrontMatter } from '../src/lib/front-matter.ts';
import { NEWS_CATEGORIES } from '../src/schemas/news.ts';
import { article, comment, createRandom, FIRST_NAMES, JOBS, LAST_NAMES, paragraph, PLACES, post, TOPICS, type Random } from './lib/dutch-text.ts';

const BASE = Date.parse('2026-11-01T09:00:00+01:00');
const DAY = 86_400_000;
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A lowercase ULID for a moment, with seeded randomness. */
function ulid(time: number, r: Random): string {
  let t = time;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32] + head;
    t = Math.floor(t / 32);
  }
  return head + Array.from({ length: 16 }, () => CROCKFORD[r.int(0, 31)]).join('');
}

/** How many of each type make up `items` entries. */
export function planOrganisation(items: number) {
  const departments = Math.max(8, Math.round(items * 0.002));
  const groups = Math.max(4, Math.round(items * 0.003));
  const sections = 7 + Math.floor(items / 1000);
  const people = Math.max(departments, Math.round(items * 0.15));
  const knowledge = Math.max(1, Math.round(items * 0.15));
  const news = Math.max(1, Math.round(items * 0.12));
  const events = Math.max(1, Math.round(items * 0.05));
  const posts = Math.max(1, Math.round(items * 0.25));
  const comments = Math.max(0, items - departments - groups - sections - people - knowledge - news - events - posts - 1);
  return { departments, groups, sections, people, knowledge, news, events, posts, comments };
}

/** Writes the organisation to `out` and returns the counts per type. */
export function generateOrganisation(items: number, out: string, seed = 42) {
  const r = createRandom(seed);
  const plan = planOrganisation(items);
  rmSync(out, { recursive: true, force: true });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  };
  const yaml = (data: unknown) => stringify(data, { lineWidth: 0 });
  const at = (days: number) => new Date(BASE - days * DAY);

  const BASE_DEPTS = ['hr', 'ict', 'facilitair', 'veiligheid-handhaving', 'communicatie', 'organisatie', 'publiekszaken', 'ruimte'];
  const deptIds = Array.from({ length: plan.departments }, (_, i) => BASE_DEPTS[i] ?? `team-${i + 1}`);

  const peopleIds: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < plan.people; i++) {
    const name = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
    let id = slug(name);
    for (let n = 2; used.has(id); n++) id = `${slug(name)}-${n}`;
    used.add(id);
    peopleIds.push(id);
    write(`collegas/${id}.yml`, yaml({
      name, jobTitle: r.pick(JOBS), department: deptIds[i % deptIds.length], email: `${id.replace(/-/g, '.')}@wadvoort.nl`,
      phone: `06 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`, location: r.pick(PLACES), expertise: r.pickSome(TOPICS, r.int(1, 3)),
      startDate: at(r.int(10, 8000)).toISOString().slice(0, 10),
    }));
  }
  deptIds.forEach((id, i) => write(`afdelingen/${id}.yml`, yaml({
    name: id === 'hr' ? 'HR' : id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    description: paragraph(r).slice(0, 280), manager: peopleIds[i % peopleIds.length], email: `${id}@wadvoort.nl`,
  })));

  const sectionIds = deptIds.slice(0, 6).concat('help');
  for (let i = sectionIds.length; i < plan.sections; i++) sectionIds.push(`${sectionIds[i % 6]}/onderdeel-${i}`);
  sectionIds.forEach((id, i) => write(`weten-en-regelen/${id}/sectie.yml`, yaml({
    title: id.split('/').pop()!.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), description: paragraph(r).slice(0, 200),
    owner: deptIds[i % Math.min(6, deptIds.length)], order: i,
  })));

  const pageIds: string[] = [];
  for (let i = 0; i < plan.knowledge; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const id = `${sectionIds[i % sectionIds.length]}/${slug(topic)}-${i}`;
    pageIds.push(id);
    write(`weten-en-regelen/${id}.md`, stringifyFrontMatter({
      title: `${topic.replace(/^./, (c) => c.toUpperCase())} (${i})`, summary: paragraph(r, topic).slice(0, 200),
      owner: r.pick(deptIds), reviewedAt: at(r.int(0, 500)).toISOString().slice(0, 10), reviewIntervalMonths: 12,
      related: pageIds.length > 2 ? r.pickSome(pageIds.slice(0, -1), 2) : [], trefwoorden: r.pickSome(TOPICS, 2),
    }, article(r, topic, r.int(2, 4))));
  }

  const newsIds: string[] = [];
  for (let i = 0; i < plan.news; i++) {
    const topic = r.pick(TOPICS);
    const id = `${slug(topic)}-nieuws-${i}`;
    newsIds.push(id);
    write(`nieuws/${id}.md`, stringifyFrontMatter({
      title: `Nieuw over ${topic} (${i})`, summary: paragraph(r, topic).slice(0, 220), date: at(r.int(1, 700)).toISOString(),
      author: r.pick(peopleIds), category: r.pick(NEWS_CATEGORIES), tags: r.pickSome(TOPICS, 2),
    }, `${paragraph(r, topic)}\n\n${paragraph(r, topic)}\n`));
  }

  const groupIds = Array.from({ length: plan.groups }, (_, i) => (i === 0 ? 'koffietijd' : `groep-${i}`));
  groupIds.forEach((id, i) => write(`groepen/${id}.md`, stringifyFrontMatter({
    name: i === 0 ? 'Koffietijd' : `Groep ${i}`, description: paragraph(r).slice(0, 200), moderators: r.pickSome(peopleIds, 2), openToAll: i % 5 !== 4,
  }, `${paragraph(r)}\n`)));

  const eventIds: string[] = [];
  for (let i = 0; i < plan.events; i++) {
    const start = BASE + r.int(-200, 200) * DAY + r.int(8, 16) * 3_600_000;
    const id = `activiteit-${i}`;
    eventIds.push(id);
    write(`agenda/${id}.md`, stringifyFrontMatter({
      title: `Bijeenkomst over ${r.pick(TOPICS)} (${i})`, summary: paragraph(r).slice(0, 200), start: new Date(start).toISOString(),
      end: new Date(start + 2 * 3_600_000).toISOString(), location: r.pick(PLACES), organiser: r.pick(deptIds),
    }, `${paragraph(r)}\n`));
  }

  const postIds: string[] = [];
  for (let i = 0; i < plan.posts; i++) {
    const created = BASE - r.int(0, 400 * 24) * 3_600_000;
    const id = ulid(created, r);
    postIds.push(id);
    const d = new Date(created);
    const group = r.next() < 0.4 ? r.pick(groupIds) : undefined;
    write(`berichten/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${id}.md`, stringifyFrontMatter({
      author: r.pick(peopleIds), ...(group ? { group } : {}), created: d.toISOString(),
    }, `${post(r)}\n`));
  }

  for (let i = 0; i < plan.comments; i++) {
    const kind = r.next();
    const on = kind < 0.7 ? { type: 'bericht', id: r.pick(postIds) } : kind < 0.85 ? { type: 'nieuws', id: r.pick(newsIds) } : kind < 0.95 ? { type: 'kennis', id: r.pick(pageIds) } : { type: 'agenda', id: r.pick(eventIds) };
    const created = BASE + r.int(0, 30 * 24) * 3_600_000;
    const id = ulid(created, r);
    const d = new Date(created);
    write(`reacties/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${id}.md`, stringifyFrontMatter({
      author: r.pick(peopleIds), created: d.toISOString(), on,
    }, `${comment(r)}\n`));
  }

  write('instellingen/site.yml', yaml({
    name: 'Plein', organisation: 'Gemeente Wadvoort (gegenereerd)', logo: { src: '/media/logo.svg', alt: 'Logo van Plein' },
    quickLinks: [{ label: 'Verlof aanvragen', href: '/weten-en-regelen/' }], toolsMenu: [{ label: 'TOPdesk', href: 'https://topdesk.wadvoort.nl' }],
    footer: { text: 'Gegenereerde organisatie voor benchmarks.', links: [] }, newsTipEmail: 'communicatie@wadvoort.nl',
  }));
  return { ...plan, settings: 1 };
}

if (import.meta.main) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const items = Number(arg('items', '1000'));
  if (!Number.isInteger(items) || items < 50) {
    console.error('--items moet een geheel getal van minstens 50 zijn');
    process.exit(2);
  }
  const out = arg('out', `.plein/org-${items}`);
  const counts = generateOrganisation(items, out, Number(arg('seed', '42')));
  console.log(`${items} items geschreven naar ${out}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
