// What Pagefind reads of a built page, cut out before indexing: Pagefind parses every element of every page
// (header, menus, scripts, footer), and at 10k pages that chrome cost more than half of the indexing time.

/** A built page, ready to hand to Pagefind. */
export interface SearchablePage {
  /** The `lang` of <html>, lowercased as Pagefind reads it ('' when there is none). */
  lang: string;
  /**
   * 'cut': `html` is the page cut down to <html>, its first <title> and the data-pagefind-body element;
   * 'whole': `html` is the page as built (Pagefind decides, e.g. where cutting could change what it reads);
   * 'none': the page has no data-pagefind-body, so Pagefind leaves it out as soon as any page has one.
   */
  kind: 'cut' | 'whole' | 'none';
  html: string;
  /** Why a page with a body is given whole. */
  reason?: string;
}

const BODY_ATTRIBUTE = 'data-pagefind-body';
/** Elements whose content is text up to their end tag, as an HTML parser reads it. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
/** Elements whose content parsers read differently (raw or not): a page with one is given whole. */
const UNCERTAIN = new Set(['noscript', 'iframe', 'noembed', 'noframes', 'xmp', 'plaintext']);
/** Elements Pagefind skips (its REMOVE_SELECTORS): a body inside one is given whole. */
const SKIPPED = new Set(['head', 'style', 'script', 'noscript', 'label', 'form', 'svg', 'footer', 'nav', 'iframe', 'template']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** A start tag at the current position: name, attributes (quoted values may hold < and >), self-closing slash. */
const START_TAG = /<([a-zA-Z][^\s/>]*)((?:[^"'>]|"[^"]*"|'[^']*')*)>/y;
const END_TAG = /<\/([a-zA-Z][^\s/>]*)[^>]*>/y;
const LANG = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const HTML_TAG = /<html(?:\s(?:[^"'>]|"[^"]*"|'[^']*')*)?>/i;
const AFTER_BODY_RISK = /<h1[\s/>]|data-pagefind-(?!ignore(?![\w-]))/i;
const IMG_TAG = /<img[\s/>]/i;
const TITLE_TAG = /<title[\s/>]/i;
const HAS_BODY_ATTRIBUTE = /(?:^|\s)data-pagefind-body(?=[\s=/]|$)/;

/**
 * Reads a built page the way Pagefind's parser would and, when it is safe, cuts it down to what Pagefind
 * keeps of a page with a data-pagefind-body element: the <html> tag (language), the first <title> (fallback
 * title), the body element itself and the <img> tags after it (the first can be the default image).
 * Everything else Pagefind drops anyway, unless it carries something else Pagefind reads outside the body: a
 * data-pagefind-* attribute (filters, meta, sort) or an <h1> (its default title). A page with one of those,
 * with more than one body, a body inside an element Pagefind skips, or markup this reader is unsure of, is
 * given whole. The page is read tag by tag up to the end of the body; after it, a plain text search for
 * anything risky is enough (a hit anywhere, even in a script or attribute, makes the page whole).
 */
export function searchablePage(html: string): SearchablePage {
  if (!html.includes(BODY_ATTRIBUTE)) return { lang: langOf(HTML_TAG.exec(html)?.[0] ?? ''), kind: 'none', html };
  let htmlTag = '';
  let title: string | undefined;
  let bodyStart = -1;
  let bodyName = '';
  let depth = 0;
  let skipped = 0;
  let pos = 0;
  const whole = (reason: string): SearchablePage => ({ lang: langOf(htmlTag || (HTML_TAG.exec(html)?.[0] ?? '')), kind: 'whole', html, reason });

  while ((pos = html.indexOf('<', pos)) !== -1) {
    const next = html.charCodeAt(pos + 1);
    if (next === 33 /* ! */) {
      // A comment, CDATA section or doctype: skipped to its end.
      const close = html.startsWith('<!--', pos) ? '-->' : html.startsWith('<![CDATA[', pos) ? ']]>' : '>';
      const end = html.indexOf(close, pos + 2);
      if (end === -1) return whole('an unclosed comment');
      pos = end + close.length;
      continue;
    }
    if (next === 47 /* / */) {
      END_TAG.lastIndex = pos;
      const m = END_TAG.exec(html);
      if (!m) { pos++; continue; }
      pos = END_TAG.lastIndex;
      const name = m[1].toLowerCase();
      if (bodyStart === -1) {
        if (SKIPPED.has(name) && skipped > 0) skipped--;
      } else if (name === bodyName && --depth === 0) {
        return cut(html, htmlTag, title, bodyStart, pos) ?? whole('something Pagefind reads after the body');
      }
      continue;
    }
    START_TAG.lastIndex = pos;
    const m = START_TAG.exec(html);
    if (!m) {
      // Not a tag (text such as "a < b"), unless it looks like one: then this reader is unsure.
      if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) return whole('an unreadable tag');
      pos++;
      continue;
    }
    const start = pos;
    pos = START_TAG.lastIndex;
    const name = m[1].toLowerCase();
    const attributes = m[2];
    const selfClosing = attributes.endsWith('/');
    const inBody = bodyStart !== -1;
    if (UNCERTAIN.has(name)) {
      // Pagefind skips its content; the body ends in the same place whether a parser reads that content as
      // text or as markup, as long as it holds no tag of the body element's name.
      const close = inBody ? indexOfEndTag(html, name, pos) : -1;
      if (close === -1 || new RegExp(`</?${bodyName}[\\s/>]`, 'i').test(html.slice(pos, close))) return whole(`<${name}> before or in the body`);
      pos = html.indexOf('>', close) + 1;
      continue;
    }
    if (name === 'html' && !htmlTag) htmlTag = m[0];
    if (!inBody && attributes.includes('data-pagefind-')) {
      if (!HAS_BODY_ATTRIBUTE.test(attributes)) return whole('a data-pagefind attribute before the body');
      if (skipped > 0 || selfClosing || VOID.has(name)) return whole('a body inside an element Pagefind skips, or without content');
      bodyStart = start;
      bodyName = name;
      depth = 1;
      continue;
    }
    if (RAW_TEXT.has(name) && !selfClosing) {
      // Raw text runs to the element's end tag; the first <title> anywhere is Pagefind's fallback title.
      const close = indexOfEndTag(html, name, pos);
      if (close === -1) return whole(`an unclosed <${name}>`);
      pos = html.indexOf('>', close) + 1;
      if (name === 'title' && title === undefined) title = inBody ? '' : html.slice(start, pos);
      continue;
    }
    if (!inBody) {
      if (name === 'h1') return whole('an <h1> before the body');
      if (SKIPPED.has(name) && !selfClosing) skipped++;
    } else if (name === bodyName) {
      if (selfClosing) return whole('a self-closing element inside the body');
      depth++;
    }
  }
  return whole(bodyStart === -1 ? 'no readable body element' : 'an unclosed body element');
}

/**
 * The cut-down page, or undefined when what follows the body holds something Pagefind would read that the cut
 * cannot carry: an <h1>, a data-pagefind-* attribute other than data-pagefind-ignore (which there only hides
 * what Pagefind drops anyway), or a <title> when none came before. The <img> tags after the body are kept,
 * after it: the first one can be Pagefind's default image of the page.
 */
function cut(html: string, htmlTag: string, title: string | undefined, start: number, end: number): SearchablePage | undefined {
  const rest = html.slice(end);
  if (AFTER_BODY_RISK.test(rest) || (title === undefined && TITLE_TAG.test(rest))) return undefined;
  const images = IMG_TAG.test(rest) ? imagesAfter(html, end) : [];
  if (!images) return undefined;
  return { lang: langOf(htmlTag), kind: 'cut', html: `<!DOCTYPE html>${htmlTag}<head>${title ?? ''}</head><body>${html.slice(start, end)}${images.join('')}</body></html>` };
}

/** The <img> start tags from `from` on, as a parser reads them (not in comments or scripts), or undefined if unsure. */
function imagesAfter(html: string, from: number): string[] | undefined {
  const images: string[] = [];
  let pos = from;
  while ((pos = html.indexOf('<', pos)) !== -1) {
    const next = html.charCodeAt(pos + 1);
    if (next === 33 /* ! */) {
      const close = html.startsWith('<!--', pos) ? '-->' : html.startsWith('<![CDATA[', pos) ? ']]>' : '>';
      const end = html.indexOf(close, pos + 2);
      if (end === -1) return undefined;
      pos = end + close.length;
      continue;
    }
    START_TAG.lastIndex = pos;
    const m = next === 47 /* / */ ? null : START_TAG.exec(html);
    if (!m) {
      if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) return undefined;
      pos++;
      continue;
    }
    pos = START_TAG.lastIndex;
    const name = m[1].toLowerCase();
    if (name === 'img') images.push(m[0]);
    else if ((RAW_TEXT.has(name) || UNCERTAIN.has(name)) && !m[2].endsWith('/')) {
      // Whether a parser sees an <img> inside <noscript> and the like depends on the parser: then unsure.
      const close = indexOfEndTag(html, name, pos);
      if (close === -1 || (UNCERTAIN.has(name) && IMG_TAG.test(html.slice(pos, close)))) return undefined;
      pos = html.indexOf('>', close) + 1;
    }
  }
  return images;
}

/** The `lang` attribute of an <html> start tag, lowercased. */
function langOf(htmlTag: string): string {
  const m = LANG.exec(htmlTag);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').toLowerCase();
}

/** Where the end tag of a raw-text element starts (any case), or -1. */
function indexOfEndTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name && /[\s/>]/.test(html.charAt(at + 2 + name.length))) return at;
  }
  return -1;
}
