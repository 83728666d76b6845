// The runtime caches of the service worker (src/lib/service-worker.ts), named once so a page can clear them.

/** Pages as they were visited (stale-while-revalidate) and the photos seen on them. */
export const PAGE_CACHE = 'plein-pages';
export const MEDIA_CACHE = 'plein-media';
/** Hashed scripts and styles: the same for everyone, kept across logins. */
export const ASSET_CACHE = 'plein-assets';

/** What one person read on this device: cleared at logout, so the next person on a shared phone does not find it. */
export const PERSONAL_CACHES = [PAGE_CACHE, MEDIA_CACHE] as const;

/** Deletes the personal caches; never throws (no Cache Storage, or a browser that refuses). */
export async function clearPersonalCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all(PERSONAL_CACHES.map((name) => caches.delete(name).catch(() => false)));
}
