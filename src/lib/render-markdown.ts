// Renders employee Markdown (posts, comments) to safe HTML; the same pipeline at build time and in /api/feed.
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import type { Root, Text, PhrasingContent } from 'mdast';
import type { Root as HastRoot, Element } from 'hast';

/** Options for rendering employee Markdown. */
export interface RenderOptions {
  /** Ids of colleagues; `@id` mentions of these become links to their profile. */
  people?: ReadonlySet<string>;
  /** Base path of the site, for mention links. */
  base?: string;
  /** Language of the labels Markdown adds itself (footnotes); Dutch unless the site is built in English. */
  locale?: 'nl' | 'en';
}

const MENTION = /(^|[^\w@/])@([a-z0-9][a-z0-9-]*[a-z0-9])/g;

/** Turns @colleague-id into a link to the colleague's profile, only for ids that exist. */
function remarkMentions(options: RenderOptions) {
  return (tree: Root) => {
    const people = options.people;
    if (!people?.size) return;
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') return;
      const parts: PhrasingContent[] = [];
      let last = 0;
      for (const m of node.value.matchAll(MENTION)) {
        const id = m[2];
        if (!people.has(id)) continue;
        const start = m.index! + m[1].length;
        if (start > last) parts.push({ type: 'text', value: node.value.slice(last, start) });
        parts.push({
          type: 'link',
          url: `${options.base ?? ''}/collegas/${id}/`,
          data: { hProperties: { className: ['mention'] } },
          children: [{ type: 'text', value: `@${id}` }],
        });
        last = start + 1 + id.length;
      }
      if (!parts.length) return;
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}

/** An image path on this site: one leading slash, not two (`//host`) and not a backslash a browser reads as one (`/\\host`). */
const SITE_PATH = /^\/(?![/\\])/;

/**
 * Keeps only images from the intranet itself. An image from elsewhere would make every reader's browser call an
 * outside server (a tracking pixel; the intranet must work without the internet) and is blocked by the CSP anyway;
 * a protocol-relative `//host/x.png` passes the sanitiser's scheme check, so this runs after it.
 */
function rehypeSiteImages() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'img' && !(typeof node.properties.src === 'string' && SITE_PATH.test(node.properties.src))) delete node.properties.src;
    });
  };
}

/**
 * Footnote links point at the ids the sanitiser prefixed. remark-rehype is told not to prefix (the sanitiser
 * does, once, for every id), so `#fn-1` must become `#user-content-fn-1` to reach its note.
 */
function rehypeFootnoteLinks() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const { href } = node.properties;
      const footnote = node.properties.dataFootnoteRef !== undefined || node.properties.dataFootnoteBackref !== undefined;
      if (node.tagName === 'a' && footnote && typeof href === 'string' && href.startsWith('#')) node.properties.href = `#${CLOBBER_PREFIX}${href.slice(1)}`;
    });
  };
}

const CLOBBER_PREFIX = 'user-content-';

/** The sanitize schema: GitHub's defaults, links only http, https and mailto, no ids to clobber. */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: CLOBBER_PREFIX,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    a: [
      ...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')),
      ['className', 'data-footnote-backref', 'mention'] as [string, ...string[]],
    ],
  },
};

/** Renders employee Markdown to sanitised HTML: remark → rehype (raw HTML dropped) → rehype-sanitize. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const { processor, rendered } = getProcessor(options);
  let html = rendered.get(markdown);
  if (html === undefined) {
    // The parse is the costly part: a text whose plain text was just asked for (a post's page: its excerpt, then the
    // post) reuses that tree (the parsers are the same), once, as the transforms change it.
    const tree = parsedForPlainText.get(markdown) ?? processor.parse(markdown);
    parsedForPlainText.delete(markdown);
    // What processSync does (parse, run with the text as its file, stringify), with the parse above.
    html = String(processor.stringify(processor.runSync(tree, markdown)));
    // A static build shows the same post on several pages; keep a bounded cache of results.
    remember(rendered, markdown, html, MAX_CACHED);
  }
  return html;
}

const MAX_CACHED = 20_000;

// remark-rehype's own footnote labels are English; employees read Dutch (src/i18n would pull in the build's config).
const FOOTNOTE_LABELS = {
  nl: { label: 'Voetnoten', back: (n: number) => `Terug naar verwijzing ${n + 1}` },
  en: { label: 'Footnotes', back: (n: number) => `Back to reference ${n + 1}` },
};

function createProcessor(options: RenderOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMentions, options)
    .use(remarkRehype, {
      allowDangerousHtml: false,
      clobberPrefix: '',
      footnoteLabel: FOOTNOTE_LABELS[options.locale ?? 'nl'].label,
      footnoteBackLabel: FOOTNOTE_LABELS[options.locale ?? 'nl'].back,
    })
    .use(rehypeSanitize, SANITIZE_SCHEMA)
    .use(rehypeSiteImages)
    .use(rehypeFootnoteLinks)
    .use(rehypeStringify)
    .freeze();
}

// Building a unified pipeline is costly; reuse one per set of known people (and base path).
type CachedProcessor = { processor: ReturnType<typeof createProcessor>; rendered: Map<string, string> };
const processors = new WeakMap<object, Map<string, CachedProcessor>>();
const NO_PEOPLE = {};
function getProcessor(options: RenderOptions) {
  const key = (options.people as object | undefined) ?? NO_PEOPLE;
  let byBase = processors.get(key);
  if (!byBase) processors.set(key, (byBase = new Map()));
  const variant = `${options.locale ?? 'nl'}\u0000${options.base ?? ''}`;
  let processor = byBase.get(variant);
  if (!processor) byBase.set(variant, (processor = { processor: createProcessor(options), rendered: new Map() }));
  return processor;
}

// One parser for all plain-text conversions: building a unified pipeline per call cost more than the parse.
const plainParser = unified().use(remarkParse).use(remarkGfm).freeze();

// The last few trees parsed for a plain text, for a render of the same text that usually follows.
const parsedForPlainText = new Map<string, ReturnType<typeof plainParser.parse>>();
const MAX_PARSED = 16;

function remember<T>(cache: Map<string, T>, key: string, value: T, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/** The plain text of employee Markdown (for titles, excerpts and descriptions), whitespace folded. */
export function toPlainText(markdown: string): string {
  const tree = plainParser.parse(markdown);
  const text = plainTextOf(tree);
  remember(parsedForPlainText, markdown, tree, MAX_PARSED);
  return text;
}

function plainTextOf(tree: Root): string {
  const parts: string[] = [];
  // Text and code only: raw HTML never becomes text, and blocks are separated by a space.
  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') parts.push((node as Text).value);
  });
  return parts.join(' ').replace(/\s+/g, ' ').replace(/ ([!?.,;:])/g, '$1').trim();
}
