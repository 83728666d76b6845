// The shape of functions/api/people.generated.ts, which `npm run build:functions` writes from content/collegas
// (gitignored); this declaration lets the code type-check before that script has run.
import type { PagesNews } from '../hosts/cloudflare/news.ts';
import type { PagesColleague } from '../hosts/cloudflare/people.ts';

/** Every colleague of content/collegas, with the fields a Pages Function needs. */
export declare const people: PagesColleague[];

/** Every news item of content/nieuws, as the must-read routes and "Voor jou" know it. */
export declare const news: PagesNews[];
