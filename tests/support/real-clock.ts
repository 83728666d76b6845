// `npm test` pins the demo build's "now" (PLEIN_BUILD_TIME, scripts/test-all.ts) and the Playwright processes inherit
// it, so tests/e2e/demo.ts expects what that build made. A Plein server a test starts runs on the real clock: the posts
// and comments it stores are dated now, and its must-read catalogue, publish timer and publication notices use the
// real time. A server that rebuilds must therefore build on the real clock too, as in production; a build at the pinned
// moment would judge real-time content by another "now" (a post after it is left out of the unanswered posts, news
// the server already announces as published is not built yet). Its environment drops the pin with this.
export const REAL_CLOCK_BUILD = { PLEIN_BUILD_TIME: '' };
