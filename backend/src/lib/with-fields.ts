/**
 * `{ ...base, ...extra }` for code that runs on every request. On Node 20 (V8 11.3) an object
 * literal that spreads an object and then adds properties it did not have gets a hidden class
 * (map) of its own on every call: ~17× slower to make, megamorphic for everything that reads it,
 * and each map lives in the old generation until the next full collection — the create scenario's
 * RSS grew by ~100 MB between them (docs/decisions/033-object-spread-in-hot-paths.md). Copying
 * onto a fresh object shares one map per shape.
 */
export function withFields<A extends object, B extends object>(base: A, extra: B): Omit<A, keyof B> & B {
  return Object.assign({}, base, extra);
}
