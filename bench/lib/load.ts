/**
 * A small closed-loop HTTP load generator for loopback benchmarks: `clients`
 * concurrent loops each sending one request after the other until `durationMs`
 * has passed (bounded, stops by itself). Returns latency percentiles.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One request per client loop; `headers` may differ per client (each signed in as someone else). */
export async function runLoad(
  url: string,
  clients: number,
  durationMs: number,
  headers: Record<string, string> | ((client: number) => Record<string, string>) = {},
): Promise<LoadResult> {
  const headersOf = typeof headers === "function" ? headers : () => headers;
  return runLoadWith(clients, durationMs, (client) => [{ url, headers: headersOf(client) }]);
}

/** Each client loop sends the requests `visit` lists one after the other and times them together (one page view). */
export async function runLoadWith(
  clients: number,
  durationMs: number,
  visit: (client: number) => { url: string; headers: Record<string, string> }[],
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        for (const { url, headers } of visit(client)) {
          try {
            const res = await fetch(url, { headers });
            await res.arrayBuffer();
            if (!res.ok) errors++;
          } catch {
            errors++;
          }
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}
