// Cloudflare Pages Functions entry: every /api/* request goes to the Cloudflare host (functions/hosts/cloudflare/handler.ts), over the
// colleagues and news `npm run build:functions` generates from content/collegas and content/nieuws before `wrangler pages deploy`.
import { news, people } from './people.generated.ts';
import { createPagesHandler } from '../hosts/cloudflare/handler.ts';

/** Pages Functions handler for /api/*. */
export const onRequest = createPagesHandler(people, news);
