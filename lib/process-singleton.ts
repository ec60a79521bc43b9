/**
 * One value per process, shared by every bundle. Next.js bundles route handlers, pages and server actions apart, each
 * with its own copy of a module, so a cache held in a module variable would exist once per bundle: an action that
 * invalidates an entry would clear its own copy only, and a route handler would go on serving the old value.
 *
 * Example: `processSingleton("authz.usersById", () => new TtlCache(2000))` returns the same cache to every caller in
 * the process, whichever bundle it runs in.
 */
export function processSingleton<T>(name: string, make: () => T): T {
  const key = Symbol.for(`collider-arena.${name}`);
  const store = globalThis as Record<symbol, unknown>;
  if (!(key in store)) store[key] = make();
  return store[key] as T;
}
