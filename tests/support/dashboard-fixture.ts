// A content repository with a known history for the /beheer dashboards: commits at fixed dates add posts, comments
// and knowledge pages with known review dates, so the figures the dashboards show can be asserted exactly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempRepoDir } from '../../functions/hosts/node/plein-server.ts';

/** "Now" for builds and computations over the fixture: Monday 23 November 2026 (ISO week 48), 13:00 in Amsterdam. */
export const FIXTURE_NOW = '2026-11-23T12:00:00Z';

/** Post and comment ids (ULIDs, as the server writes them). */
export const IDS = {
  p0: '01k00000000000000000000p00',
  p1: '01k00000000000000000000p01',
  p2: '01k00000000000000000000p02',
  p3: '01k00000000000000000000p03',
  p4: '01k00000000000000000000p04',
  p5: '01k00000000000000000000p05',
  p6: '01k00000000000000000000p06',
} as const;

const person = (name: string, department: string, email: string, editor = false) =>
  `name: "${name}"\njobTitle: "Adviseur"\ndepartment: ${department}\nemail: ${email}\nstartDate: 2020-01-01\neditor: ${editor}\n`;
const page = (title: string, owner: string, reviewedAt: string, months: number, text = 'Zo werkt het.') =>
  `---\ntitle: ${title}\nsummary: "Alles over ${title.toLowerCase()} bij de gemeente, kort uitgelegd."\nowner: ${owner}\nreviewedAt: ${reviewedAt}\nreviewIntervalMonths: ${months}\n---\n${text}\n`;
const post = (author: string, created: string, group?: string, hidden = false) =>
  `---\nauthor: ${author}\n${group ? `group: ${group}\n` : ''}created: ${created}\n${hidden ? 'hidden:\n  by: dirk-de-boer\n  at: 2026-11-18\n' : ''}---\nBericht van ${author} over de week.\n`;
const comment = (author: string, created: string, type: string, id: string, hidden = false) =>
  `---\nauthor: ${author}\ncreated: ${created}\non:\n  type: ${type}\n  id: ${id}\n${hidden ? 'hidden:\n  by: dirk-de-boer\n  at: 2026-11-18\n' : ''}---\nEens!\n`;
const postFile = (id: string) => `berichten/2026/11/${id}.md`;
const commentFile = (n: number) => `reacties/2026/11/01k00000000000000000000c${String(n).padStart(2, '0')}.md`;

/** Each commit: when (author and committer date), who, and the files it writes. */
const HISTORY: { date: string; author: string; files: Record<string, string> }[] = [
  {
    date: '2026-01-05T09:00:00+01:00',
    author: 'Redactie',
    files: {
      'instellingen/site.yml': 'name: Plein\norganisation: Gemeente Proefdorp\nlogo:\n  src: /media/logo.svg\n  alt: "Logo van Plein"\nfooter:\n  text: "Intranet van Proefdorp."\nnewsTipEmail: communicatie@proefdorp.nl\n',
      'afdelingen/hr.yml': 'name: HR\ndescription: "Personeelszaken: verlof, ziekte en arbeidsvoorwaarden."\n',
      'afdelingen/ict.yml': 'name: ICT\ndescription: "Laptops, telefoons, accounts en storingen."\n',
      'collegas/anna-jansen.yml': person('Anna Jansen', 'hr', 'anna.jansen@proefdorp.nl'),
      'collegas/bram-smit.yml': person('Bram Smit', 'hr', 'bram.smit@proefdorp.nl'),
      'collegas/cor-visser.yml': person('Cor Visser', 'ict', 'cor.visser@proefdorp.nl'),
      'collegas/dirk-de-boer.yml': person('Dirk de Boer', 'ict', 'dirk.de.boer@proefdorp.nl', true),
      'groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: "Gezelligheid, tips en spullen te koop."\nmoderators:\n  - dirk-de-boer\n---\nVoor alles naast het werk.\n',
      'weten-en-regelen/hr/sectie.yml': 'title: HR\ndescription: "Alles over je werk en je arbeidsvoorwaarden."\nowner: hr\n',
      'weten-en-regelen/hr/verlof.md': page('Verlof', 'hr', '2025-10-01', 12),
      'weten-en-regelen/hr/ziekte.md': page('Ziekte', 'anna-jansen', '2025-12-10', 12),
      'weten-en-regelen/hr/thuiswerken.md': page('Thuiswerken', 'hr', '2026-06-01', 12),
      [postFile(IDS.p0)]: post('dirk-de-boer', '2026-01-05T09:00:00+01:00'),
    },
  },
  {
    date: '2026-11-02T10:00:00+01:00',
    author: 'Anna Jansen',
    files: {
      [postFile(IDS.p1)]: post('anna-jansen', '2026-11-02T10:00:00+01:00', 'koffietijd'),
      [postFile(IDS.p2)]: post('cor-visser', '2026-11-02T10:00:00+01:00'),
      'weten-en-regelen/hr/pensioen.md': page('Pensioen', 'ict', '2026-05-23', 6),
    },
  },
  {
    date: '2026-11-04T15:30:00+01:00',
    author: 'Bram Smit',
    files: {
      [commentFile(1)]: comment('bram-smit', '2026-11-04T15:30:00+01:00', 'bericht', IDS.p1),
      [commentFile(2)]: comment('cor-visser', '2026-11-04T15:30:00+01:00', 'bericht', IDS.p1),
    },
  },
  {
    date: '2026-11-10T11:00:00+01:00',
    author: 'Anna Jansen',
    files: {
      [postFile(IDS.p3)]: post('anna-jansen', '2026-11-10T11:00:00+01:00', 'koffietijd'),
      [commentFile(3)]: comment('dirk-de-boer', '2026-11-10T11:00:00+01:00', 'kennis', 'hr/verlof'),
      'weten-en-regelen/hr/ziekte.md': page('Ziekte', 'anna-jansen', '2025-12-10', 12, 'Zo werkt het, sinds november anders.'),
    },
  },
  {
    date: '2026-11-17T09:15:00+01:00',
    author: 'Cor Visser',
    files: {
      [commentFile(4)]: comment('anna-jansen', '2026-11-17T09:15:00+01:00', 'bericht', IDS.p2),
      [commentFile(5)]: comment('bram-smit', '2026-11-17T09:15:00+01:00', 'bericht', IDS.p1),
      [commentFile(6)]: comment('cor-visser', '2026-11-17T09:15:00+01:00', 'kennis', 'hr/verlof'),
      [commentFile(7)]: comment('dirk-de-boer', '2026-11-17T09:15:00+01:00', 'bericht', IDS.p0),
      // Hidden by a moderator: never counted.
      [commentFile(8)]: comment('cor-visser', '2026-11-17T09:15:00+01:00', 'bericht', IDS.p1, true),
      [postFile(IDS.p5)]: post('cor-visser', '2026-11-17T09:15:00+01:00', 'koffietijd', true),
      // Written on 6 October (week 41) and imported now: it counts in week 41.
      [postFile(IDS.p6)]: post('dirk-de-boer', '2026-10-06T14:00:00+02:00'),
    },
  },
  {
    // Sunday 23:30 UTC is Monday 00:30 in Amsterdam: week 48, not 47.
    date: '2026-11-22T23:30:00Z',
    author: 'Bram Smit',
    files: { [postFile(IDS.p4)]: post('bram-smit', '2026-11-23T00:30:00+01:00') },
  },
];

/**
 * What the dashboards must show for this history at FIXTURE_NOW (12 weeks: 7 September to 23 November 2026).
 * Week 45: p1 (Anna, Koffietijd) and p2 (Cor, timeline); c1 and c2 on p1. Week 46: p3 (Anna); c3 on hr/verlof.
 * Week 47: c4 on p2 (Anna), c5 on p1 (Bram), c6 on hr/verlof (Cor), c7 on p0 (Dirk); hidden c8 and p5 left out.
 * Week 48: p4 (Bram, timeline). p0 dates from January: outside the period. p6 (Dirk, timeline) was committed in
 * week 47 but written in week 41, where it counts.
 */
export const EXPECTED = {
  // Per week: posts, comments, posters, active (posted or commented: week 45 Anna, Cor and Bram; week 47 four commenters).
  weeks: { '2026-10-05': [1, 0, 1, 1], '2026-11-02': [2, 2, 2, 3], '2026-11-09': [1, 1, 1, 2], '2026-11-16': [0, 4, 0, 4], '2026-11-23': [1, 0, 1, 1] } as Record<string, [number, number, number, number]>,
  totals: { posts: 5, comments: 7, posters: 4 },
  // Timeline: p2, p4, p6; c4, c7 (Cor, Bram, Dirk, Anna). Koffietijd: p1, p3; c1, c2, c5 (Anna, Bram, Cor).
  groups: [{ id: '', posts: 3, comments: 2, people: 4 }, { id: 'koffietijd', posts: 2, comments: 3, people: 3 }],
  // HR (Anna, Bram): p1, p3, p4; c1, c4, c5. ICT (Cor, Dirk): p2, p6; c2, c3, c6, c7.
  departments: [{ id: 'hr', posts: 3, comments: 3, people: 2 }, { id: 'ict', posts: 2, comments: 4, people: 2 }],
  discussed: [{ target: `bericht:${IDS.p1}`, comments: 3 }, { target: 'kennis:hr/verlof', comments: 2 }, { target: `bericht:${IDS.p0}`, comments: 1 }, { target: `bericht:${IDS.p2}`, comments: 1 }],
  // Due: verlof 2026-10-01 (overdue), pensioen 2026-11-23 00:00 (overdue: passed that morning), ziekte 2026-12-10
  // (17 days: due soon), thuiswerken 2027-06-01 (fresh). Last changed: the commit that last touched each file.
  freshness: [
    { id: 'hr/verlof', status: 'overdue', due: '2026-10-01', lastChanged: '2026-01-05' },
    { id: 'hr/pensioen', status: 'overdue', due: '2026-11-23', lastChanged: '2026-11-02' },
    { id: 'hr/ziekte', status: 'soon', due: '2026-12-10', lastChanged: '2026-11-10' },
    { id: 'hr/thuiswerken', status: 'fresh', due: '2027-06-01', lastChanged: '2026-01-05' },
  ],
  counts: { overdue: 2, soon: 1, fresh: 1, total: 4 },
};

/** Writes the fixture repository under .plein/tmp (so the build resolves its files) and returns its folder. */
export function makeDashboardFixture(): string {
  const dir = tempRepoDir('dashboard-fixture');
  const git = (args: string[], env: Record<string, string> = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  git(['init', '--quiet', '-b', 'main']);
  git(['config', 'user.name', 'Plein']);
  git(['config', 'user.email', 'plein@proefdorp.nl']);
  git(['config', 'commit.gpgsign', 'false']);
  for (const [i, commit] of HISTORY.entries()) {
    for (const [path, text] of Object.entries(commit.files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(['add', '.']);
    const email = `${commit.author.toLowerCase().replace(/\s+/g, '.')}@proefdorp.nl`;
    git(['commit', '--quiet', '-m', `Stap ${i + 1}`], {
      GIT_AUTHOR_NAME: commit.author,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: commit.date,
      GIT_COMMITTER_DATE: commit.date,
    });
  }
  // Folders the site reads but this organisation leaves empty.
  for (const folder of ['nieuws', 'agenda']) mkdirSync(join(dir, folder), { recursive: true });
  return dir;
}
