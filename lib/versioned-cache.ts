/**
 * A cache whose entries are valid for one version of their data (a counter the database raises with every change:
 * db/queries/leaderboard.ts leaderboardVersion). A reader that sees a newer version recomputes at once, so nothing is
 * served stale by a timer, and concurrent readers of one key and version share a single computation.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: number; value: Promise<V> }>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, version: number, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    // An older version's entry is replaced; past the cap the oldest key goes (a Map keeps insertion order).
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = compute();
    this.entries.set(key, { version, value });
    // A failure is not kept: the next reader tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Concurrent callers of one key share a single pending read; the next caller after it settles reads afresh. */
export function singleFlight<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const pending = new Map<K, Promise<V>>();
  return (key) => {
    let p = pending.get(key);
    if (!p) {
      p = read(key).finally(() => pending.delete(key));
      pending.set(key, p);
    }
    return p;
  };
}
