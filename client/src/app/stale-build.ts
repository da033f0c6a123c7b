/** When the last reload for a newer build happened (sessionStorage: this tab only). */
const reloadedAtKey = 'helpdesk.reloadedForUpdate';
/** A chunk that still fails this soon after a reload is not a stale build (offline, a proxy). */
const RELOAD_AT_MOST_EVERY_MS = 60_000;

/** Errors of chunks that failed to load, as Vite reported them. */
const chunkErrors = new WeakSet<object>();

/**
 * After an update the previous build's chunks are gone (the server answers 404), so a tab opened
 * before it fails the first time it needs one (a page not visited yet). Vite reports each such
 * failure as `vite:preloadError` before it reaches whoever asked: this marks the error, so the
 * route's error page can tell it from a bug. Nothing reloads here: a prefetch on hover fails the
 * same way and must not reload the tab.
 */
export function watchChunkErrors(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const error = (event as Event & { payload?: unknown }).payload;
    if (typeof error === 'object' && error !== null) chunkErrors.add(error);
  });
}

export const isChunkError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && chunkErrors.has(error);

/** Whether a reload for a new build may happen now (not one in the last minute: no loop). */
export function mayReloadForNewBuild(): boolean {
  try {
    return Date.now() - Number(sessionStorage.getItem(reloadedAtKey) ?? 0) >= RELOAD_AT_MOST_EVERY_MS;
  } catch {
    // Storage refused (privacy settings): never reload, rather than risk a loop.
    return false;
  }
}

/** Reloads the tab at its address to get the new build, remembering when. */
export function reloadForNewBuild(): void {
  sessionStorage.setItem(reloadedAtKey, String(Date.now()));
  window.location.reload();
}
