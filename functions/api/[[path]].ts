// Cloudflare Pages Functions entry: every /api/* request goes to the whole API (functions/api/pages-api.ts), over the
// colleagues list `npm run build:functions` generates from content/collegas before `wrangler pages deploy`.
import { people } from './people.generated.ts';
import { createPagesHandler } from './pages-api.ts';

/** Pages Functions handler for /api/*. */
export const onRequest = createPagesHandler(people);
