// Access and export (AVG art. 15, issue 19 item 5): one ZIP with everything Plein holds about one colleague — their
// people file, posts and comments from git as Markdown, the photos of their posts, their state-store rows as JSON
// (one file per table, see state-data.ts) and LEESMIJ.txt explaining each file. Never another colleague's personal
// data: only files they wrote, with who hid them (a moderator's id) left out. Used by `npm run export` and by
// GET /api/mijn-gegevens. Portable: the photos come through `readPhoto`, which each host provides.
import { parseDocument } from 'yaml';
import { parseFrontMatter, parseYamlFile } from '../../src/lib/front-matter.ts';
import type { ContentPaths } from '../content/paths.ts';
import { createZip, type ZipEntry } from '../lib/zip.ts';
import type { ContentReader } from './erase.ts';
import { PERSON_STATE, type PersonalData } from './state-data.ts';

/** The colleague has no people file: there is nothing to export and no one to export it for. */
export class UnknownColleagueError extends Error {
  readonly id: string;
  constructor(id: string) {
    super(`Er is geen collega met id "${id}"; er is niets geëxporteerd.`);
    this.name = 'UnknownColleagueError';
    this.id = id;
  }
}

/** Where an export reads from. */
export interface ExportSources {
  reader: ContentReader;
  paths: ContentPaths;
  /** The person's state-store rows per table (a StateStore's personalData.export). */
  exportState: PersonalData['export'];
  /** A photo's bytes by its repository path (public/media/…), or undefined when it cannot be read. */
  readPhoto(path: string): Promise<Uint8Array | undefined>;
  now?: Date;
}

/** What each state-store table means, for LEESMIJ.txt. */
const TABLE_TEXT: Record<string, string> = {
  rate_limit_hits: 'tellers die voorkomen dat iemand te veel tegelijk plaatst (per actie en tijdvak), een paar dagen bewaard',
  appreciations: 'je waarderingen bij berichten, reacties en nieuws',
  signups: 'je aanmeldingen voor activiteiten in de agenda, met je antwoord op een vraag (bijvoorbeeld dieetwensen)',
  poll_votes: 'je stemmen in peilingen (collega’s zien nooit wie wat stemde)',
  group_members: 'je groepslidmaatschappen en aanvragen; wie je toeliet is weggelaten als dat een ander was',
  group_proposals: 'je voorstellen voor nieuwe groepen; wie besliste is weggelaten als dat een ander was',
  private_groups: 'besloten groepen die jij bent begonnen',
  private_posts: 'je berichten in besloten groepen',
  private_comments: 'je reacties in besloten groepen',
  private_photos: 'de foto’s bij je berichten in besloten groepen (de beelden zelf staan in fotos/besloten/)',
  follows: 'wat je volgt (groepen, berichten, onderwerpen); welke collega je volgt is weggelaten, want dat noemt die collega',
  notifications: 'je meldingen in Plein: soort, onderwerp, link en tijden; wie de melding veroorzaakte en geciteerde tekst van anderen zijn weggelaten',
  notification_prefs: 'je instellingen voor meldingen, e-mail en push',
  mail_queue: 'e-mails aan jou die Plein verstuurde of nog verstuurt: soort en tijden (onderwerp en tekst noemen andere collega’s en zijn weggelaten)',
  push_subscriptions: 'de browsers waarop je pushmeldingen ontvangt (zonder de geheime sleutels)',
  reports: 'berichten en reacties die jij hebt gemeld, met je reden',
  moderation_log: 'moderatie waarbij jij moderator of auteur was; de andere betrokkene is weggelaten',
  nudges: 'een terugkerende vraag van de week die onder jouw naam wordt geplaatst',
  read_confirmations: 'nieuwsberichten waarvan je hebt bevestigd dat je ze gelezen hebt',
};

const extensionOf = (path: string) => /\.[A-Za-z0-9]+$/.exec(path)?.[0] ?? '';

/** A post's or comment's text without who hid it (that names a moderator, another colleague). */
function withoutModerator(text: string): string {
  const { data } = parseFrontMatter(text) as { data: { hidden?: { by?: unknown } } };
  if (!data.hidden?.by) return text;
  const match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(\r?\n|$)/.exec(text)!;
  const doc = parseDocument(match[1] ?? '');
  doc.deleteIn(['hidden', 'by']);
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${text.slice(match[0].length)}`;
}

/** The files of a colleague's export, in archive order; throws UnknownColleagueError when they have no people file. */
export async function collectExport(sources: ExportSources, person: string): Promise<ZipEntry[]> {
  const { reader, paths } = sources;
  const personFile = /^[a-z0-9][a-z0-9-]*$/.test(person) ? paths.entryFiles('collegas', person)?.[0] : undefined;
  const personText = personFile ? await reader.read(personFile) : undefined;
  if (!personFile || personText === undefined) throw new UnknownColleagueError(person);

  const files: ZipEntry[] = [];
  const photos: ZipEntry[] = [];
  const explained: string[] = [];
  const addPhoto = async (src: unknown, name: string) => {
    if (typeof src !== 'string') return;
    const bytes = await sources.readPhoto(`public${src}`);
    if (bytes) photos.push({ name, data: bytes });
    else explained.push(`  (niet meegenomen: ${src} kon niet worden gelezen)`);
  };

  files.push({ name: 'profiel.yml', data: personText });
  const profile = parseYamlFile(personText) as { photo?: { src?: unknown } };
  if (profile?.photo?.src) await addPhoto(profile.photo.src, `fotos/profiel${extensionOf(String(profile.photo.src))}`);

  const list = await reader.list([`${paths.folder('berichten')}/`, `${paths.folder('reacties')}/`]);
  let posts = 0;
  let comments = 0;
  for (const file of list.filter((f) => f.endsWith('.md')).sort()) {
    const text = await reader.read(file);
    if (!text) continue;
    const data = parseFrontMatter(text).data as { author?: unknown; photos?: { src?: unknown }[] };
    if (data.author !== person) continue;
    const isPost = file.startsWith(`${paths.folder('berichten')}/`);
    const name = `${isPost ? 'berichten' : 'reacties'}/${file.slice(paths.folder(isPost ? 'berichten' : 'reacties').length + 1)}`;
    files.push({ name, data: withoutModerator(text) });
    if (isPost) {
      posts++;
      for (const photo of data.photos ?? []) await addPhoto(photo?.src, `fotos/berichten/${String(photo?.src).split('/').pop()}`);
    } else comments++;
  }

  const state = await sources.exportState(person);
  for (const photo of state.private_photos ?? []) {
    const { data, ...rest } = photo as { data?: string; id: string; extension: string };
    if (typeof data === 'string') photos.push({ name: `fotos/besloten/${rest.id}.${rest.extension}`, data: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) });
    Object.assign(photo, { data: undefined });
  }
  const tables = Object.keys(state).sort();
  for (const table of tables) files.push({ name: `statusopslag/${table}.json`, data: `${JSON.stringify(state[table], null, 2)}\n` });

  const date = (sources.now ?? new Date()).toISOString().slice(0, 10);
  const readme = [
    `Mijn gegevens op Plein — export van ${date}`,
    '',
    'Dit ZIP-bestand bevat wat Plein over jou bewaart (AVG artikel 15). Gegevens van andere collega’s staan er',
    'bewust niet in: reacties van anderen, hun namen en wie iets besliste of modereerde zijn weggelaten.',
    '',
    'profiel.yml',
    '  Je profiel zoals het in Plein staat (uit de personeelsadministratie en wat je zelf invulde).',
    'berichten/',
    `  Je berichten (${posts}) als Markdown-bestanden, zoals ze in de inhoud van Plein staan. Bovenaan staan`,
    '  gegevens zoals datum en groep; daaronder je tekst.',
    'reacties/',
    `  Je reacties (${comments}) als Markdown-bestanden; "on" zegt onder welk bericht of welke pagina ze staan.`,
    'fotos/',
    '  Je profielfoto (als je die hebt), de foto’s bij je berichten (fotos/berichten/) en bij je berichten in',
    '  besloten groepen (fotos/besloten/).',
    ...explained,
    'statusopslag/',
    '  Wat Plein buiten de inhoud bijhoudt, één JSON-bestand per tabel (tijden in milliseconden sinds 1-1-1970 UTC):',
    ...tables.map((t) => `  ${t}.json — ${TABLE_TEXT[t] ?? t}`),
    '',
    'Niet in deze export, en waarom:',
    ...PERSON_STATE.filter((t) => 'not' in t.export && t.table !== 'private_photos').map((t) => `  ${t.table} — ${t.table === 'outbox' ? 'een wachtrij van wijzigingen die al in je berichten en reacties hierboven staan' : 'alleen opgeslagen onder een onomkeerbare code, niet aan jou te koppelen; na 7 dagen weg'}.`),
    '  Bereikcijfers en zoektermen — alleen als totalen per afdeling of week bewaard, zonder namen.',
    '  De versiegeschiedenis van git — bevat dezelfde berichten en reacties; vraag de beheerder als je die wilt inzien.',
    '',
    'Vragen, of iets laten corrigeren of verwijderen? Neem contact op met de redactie of de functionaris',
    'gegevensbescherming van je organisatie.',
    '',
  ].join('\r\n');
  return [{ name: 'LEESMIJ.txt', data: readme }, ...files, ...photos];
}

/** The export as one ZIP file. */
export async function exportZip(sources: ExportSources, person: string): Promise<Uint8Array<ArrayBuffer>> {
  return createZip(await collectExport(sources, person), sources.now);
}
