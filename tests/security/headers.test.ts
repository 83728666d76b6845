// The security headers on every kind of response, checked twice: from the running Node server (startPleinServer:
// site, /api, login pages; and the page gate of a private intranet) and from the built _headers file as a static
// host (Cloudflare Pages, Netlify) applies it. Plus security.txt, and that the built pages need no inline code the
// site policy would block.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '../../functions/auth/session.ts';
import { ADMIN_CSP, SITE_CSP } from '../../functions/lib/security-headers.ts';
import { startPleinServer, tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { startServer } from '../../functions/hosts/node/server.ts';
import { createSecurityPeople } from '../support/security-api.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = resolve(import.meta.dirname, '../..');
const SITE_URL = 'https://intranet.wadvoort.nl';
let dist = '';
let repo = '';
/** Folders this test made, removed afterwards. */
const made: string[] = [];
const servers: Server[] = [];
let base = '';

/** The first entry of a folder in the build that is itself a page (a folder with index.html) or matches `test`. */
function first(folder: string, test: (name: string) => boolean = (n) => existsSync(join(dist, folder, n, 'index.html'))): string {
  const name = readdirSync(join(dist, folder)).sort().find(test);
  if (!name) throw new Error(`geen pagina in ${folder}/ van de build`);
  return `/${folder}/${name}`;
}

beforeAll(async () => {
  // A build of the demo organisation into a folder of this test (or the one PLEIN_DIST names, to iterate quickly).
  dist = process.env.PLEIN_DIST ? resolve(process.env.PLEIN_DIST) : join(tempRepoDir('headers-dist'), 'dist');
  if (!process.env.PLEIN_DIST) {
    made.push(resolve(dist, '..'));
    const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', dist], { cwd: root, env: { ...process.env, PLEIN_SITE_URL: SITE_URL }, encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stdout.slice(-2000) + run.stderr.slice(-2000)).toBe(0);
  }
  repo = tempRepoDir('headers-repo');
  made.push(repo);
  execFileSync('git', ['clone', '--quiet', root, repo]);
  const { server } = await startPleinServer({ repoDir: repo, distDir: dist, port: 0, rebuild: false, env: { PLEIN_SITE_URL: 'http://127.0.0.1' } });
  servers.push(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 320_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Every page type of the site, as a path; chosen from the build so no content slug is hard-coded. */
function sitePaths(): Record<string, string> {
  const pagefindWasm = readdirSync(join(dist, 'pagefind')).find((n) => n.startsWith('wasm.'))!;
  const fragment = readdirSync(join(dist, 'pagefind', 'fragment'))[0];
  const css = readdirSync(join(dist, '_astro')).find((n) => n.endsWith('.css'))!;
  const js = readdirSync(join(dist, '_astro')).find((n) => n.endsWith('.js'))!;
  return {
    home: '/',
    'news list': '/nieuws/',
    'news article': `${first('nieuws', (n) => n !== '2' && existsSync(join(dist, 'nieuws', n, 'index.html')) && n !== 'categorie')}/`,
    'knowledge index': '/weten-en-regelen/',
    'knowledge page': `${first('weten-en-regelen/hr')}/`,
    'group list': '/groepen/',
    group: `${first('groepen')}/`,
    timeline: '/tijdlijn/',
    post: `${first('berichten')}/`,
    'colleague profile': `${first('collegas', (n) => n !== 'afdeling' && existsSync(join(dist, 'collegas', n, 'index.html')))}/`,
    agenda: '/agenda/',
    event: `${first('agenda')}/`,
    'event .ics': first('agenda', (n) => n.endsWith('.ics')),
    RSS: '/nieuws/rss.xml',
    Atom: '/nieuws/atom.xml',
    'search page': '/zoeken/',
    '404': '/bestaat-niet/',
    'pagefind script': '/pagefind/pagefind.js',
    'pagefind wasm': `/pagefind/${pagefindWasm}`,
    'pagefind fragment': `/pagefind/fragment/${fragment}`,
    stylesheet: `/_astro/${css}`,
    script: `/_astro/${js}`,
    media: '/media/logo.svg',
    'security.txt': '/.well-known/security.txt',
  };
}
const ADMIN_PATHS: Record<string, string> = { 'CMS page': '/admin/', 'CMS config': '/admin/config.yml' };

/** The headers every response needs; `policy` is the CSP it must carry. */
function expectSecurityHeaders(headers: Headers, policy: 'site' | 'admin' | 'strict') {
  const csp = headers.get('content-security-policy');
  expect(csp, 'Content-Security-Policy').toBeTruthy();
  for (const directive of ['frame-ancestors', 'base-uri', 'form-action']) expect(csp).toContain(directive);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  if (policy === 'site') expect(csp).toBe(SITE_CSP);
  if (policy === 'admin') expect(csp).toBe(ADMIN_CSP);
  if (policy !== 'admin') {
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  }
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(headers.get('strict-transport-security')!)![1])).toBeGreaterThanOrEqual(31_536_000);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toMatch(/^(strict-origin-when-cross-origin|strict-origin|same-origin|no-referrer)$/);
  expect(headers.get('permissions-policy')).toMatch(/camera=\(\)/);
  expect(headers.get('permissions-policy')).toMatch(/geolocation=\(\)/);
}

describe('the Node server (startPleinServer)', () => {
  it('the site CSP allows Pagefind WebAssembly and nothing inline; /admin has its own', () => {
    expect(SITE_CSP).toContain("'wasm-unsafe-eval'");
    expect(SITE_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(ADMIN_CSP).not.toBe(SITE_CSP);
  });

  it('sends them on every page type, asset, feed and file of the site', async () => {
    for (const [kind, path] of Object.entries(sitePaths())) {
      const res = await fetch(base + path, { redirect: 'manual' });
      expect(res.status, `${kind} ${path}`).toBe(kind === '404' ? 404 : 200);
      expectSecurityHeaders(res.headers, 'site');
      await res.arrayBuffer();
    }
  });

  it('sends the CMS policy on /admin, its redirect included', async () => {
    for (const path of Object.values(ADMIN_PATHS)) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res.headers, 'admin');
      await res.arrayBuffer();
    }
    const redirect = await fetch(`${base}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expectSecurityHeaders(redirect.headers, 'admin');
  });

  it('sends them on /api JSON answers, errors included', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/api/health', {}, 200],
      ['/api/feed', {}, 200],
      ['/api/auth/me', {}, 401],
      ['/api/bestaat-niet', {}, 404],
      ['/api/berichten', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }, 403],
      ['/api/berichten', { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: '{"tekst":"x"}' }, 401],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(base + path, init);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expectSecurityHeaders(res.headers, 'site');
      await res.arrayBuffer();
    }
  });

  it('sends them on the login pages, which carry an even stricter policy of their own', async () => {
    const login = await fetch(`${base}/api/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expectSecurityHeaders(login.headers, 'site');
    for (const path of ['/api/auth/demo', '/api/auth/logout', '/api/auth/uitgelogd']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expectSecurityHeaders(res.headers, 'strict');
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      await res.arrayBuffer();
    }
  });

  it("sends them on the page gate's answers of a private intranet (OIDC redirect, proxy 401 page)", async () => {
    const people = createSecurityPeople();
    const oidc = createIdentity({ PLEIN_SITE_URL: SITE_URL, PLEIN_OIDC_ISSUER: 'http://127.0.0.1:9/', PLEIN_OIDC_CLIENT_ID: 'plein', PLEIN_OIDC_CLIENT_SECRET: 'x', PLEIN_SESSION_SECRET: 's'.repeat(40) }, people);
    const proxy = createIdentity({ PLEIN_SITE_URL: SITE_URL, PLEIN_PROXY_JWKS_URL: 'http://127.0.0.1:9/certs', PLEIN_PROXY_ISSUER: 'https://x.cloudflareaccess.com', PLEIN_PROXY_AUDIENCE: 'aud' }, people);
    for (const [identity, status] of [[oidc, 302], [proxy, 401]] as const) {
      const server = await startServer({ distDir: dist, port: 0, identity });
      servers.push(server);
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/nieuws/`, { redirect: 'manual' });
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers, status === 302 ? 'site' : 'strict');
      await res.arrayBuffer();
    }
  });
});

/** A parsed `_headers` file: rules in order, each with a pattern, headers to set and headers to detach. */
function parseHeadersFile(text: string) {
  const rules: { pattern: string; set: [string, string][]; detach: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), set: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1)!;
    const detach = /^\s+!\s*(\S+)\s*$/.exec(line);
    if (detach) rule.detach.push(detach[1].toLowerCase());
    else {
      const [, name, value] = /^\s+([^:]+):\s*(.*)$/.exec(line)!;
      rule.set.push([name.trim().toLowerCase(), value.trim()]);
    }
  }
  return rules;
}

/** The headers a static host sends for `path`: every matching rule in order; `*` is a splat, `:name` one segment;
 * a header set twice is joined with a comma (Cloudflare, Netlify); `! Name` detaches what earlier rules set. */
function headersFor(rules: ReturnType<typeof parseHeadersFile>, path: string): Headers {
  const out = new Headers();
  for (const rule of rules) {
    const pattern = rule.pattern.replace(/^https?:\/\/[^/]+/, '');
    const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')).join('.*')}$`);
    if (!regex.test(path)) continue;
    for (const name of rule.detach) out.delete(name);
    for (const [name, value] of rule.set) out.append(name, value);
  }
  return out;
}

describe('the _headers file for static hosts', () => {
  it('is in the build, and gives every page type of the site the site policy', () => {
    const rules = parseHeadersFile(readFileSync(join(dist, '_headers'), 'utf8'));
    for (const [kind, path] of Object.entries(sitePaths())) {
      const headers = headersFor(rules, path);
      expect(headers.get('content-security-policy'), kind).toBe(SITE_CSP);
      expectSecurityHeaders(headers, 'site');
    }
  });

  it('gives /admin exactly the CMS policy (the site policy detached, not joined to it)', () => {
    const rules = parseHeadersFile(readFileSync(join(dist, '_headers'), 'utf8'));
    for (const path of Object.values(ADMIN_PATHS)) expectSecurityHeaders(headersFor(rules, path), 'admin');
    expect(headersFor(rules, '/administratie/').get('content-security-policy')).toBe(SITE_CSP);
  });
});

describe('security.txt (RFC 9116)', () => {
  it('is served at /.well-known/security.txt with Contact, an Expires within a year, Preferred-Languages and Canonical', async () => {
    const res = await fetch(`${base}/.well-known/security.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1];
    expect(field('Contact')).toBe('mailto:security@wadvoort.nl');
    const expires = Date.parse(field('Expires')!);
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThan(Date.now() + 365 * 86_400_000);
    expect(field('Preferred-Languages')).toBe('nl, en');
    if (!process.env.PLEIN_DIST) expect(field('Canonical')).toBe(`${SITE_URL}/.well-known/security.txt`);
    expect(field('Canonical')).toMatch(/^https?:\/\/[^/]+\/\.well-known\/security\.txt$/);
  });
});

describe('the built pages need nothing the site policy blocks', () => {
  it('has no inline script, inline style, style attribute, event handler or javascript: URL in any page outside /admin', () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !(dir === dist && entry.name === 'admin')) walk(path);
        else if (entry.name.endsWith('.html')) pages.push(path);
      }
    };
    walk(dist);
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const where = relative(dist, page);
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
        if (!/\bsrc=/.test(tag) && !/type="application\/(ld\+)?json"/.test(tag)) problems.push(`${where}: inline ${tag}`);
      }
      if (/<style\b/i.test(html)) problems.push(`${where}: <style>`);
      if (/<[^>]+\sstyle=/i.test(html)) problems.push(`${where}: style attribute`);
      if (/<[^>]+\son[a-z]+=/i.test(html)) problems.push(`${where}: event handler attribute`);
      if (/(href|src|action)="\s*javascript:/i.test(html)) problems.push(`${where}: javascript: URL`);
    }
    expect(problems).toEqual([]);
  });
});
