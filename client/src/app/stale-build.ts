/** When the last reload for a newer build happened (sessionStorage: this tab only). */
const reloadedAtKey = 'helpdesk.reloadedForUpdate';
/** A chunk that still fails this soon after a reload is not a stale build (offline, a proxy). */
const RELOAD_AT_MOST_EVERY_MS = 60_000;

function reloadedRecently(now: number): boolean {
  try {
    return now - Number(sessionStorage.getItem(reloadedAtKey) ?? 0) < RELOAD_AT_MOST_EVERY_MS;
  } catch {
    // Storage refused (privacy settings): never reload, rather than risk a loop.
    return true;
  }
}

/**
 * After an update the previous build's chunks are gone (the server answers 404), so a tab opened
 * before it fails the first time it needs one (a page not visited yet). Vite reports that as
 * `vite:preloadError`: reload the tab once to get the new build. A chunk that fails again right
 * after is left to the route's error page (with its own reload button) instead of a reload loop.
 */
export function reloadOnStaleBuild(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const now = Date.now();
    if (reloadedRecently(now)) return;
    sessionStorage.setItem(reloadedAtKey, String(now));
    event.preventDefault();
    window.location.reload();
  });
}
