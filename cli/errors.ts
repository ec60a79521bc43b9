/**
 * Exit codes scripts can rely on (documented on /api-docs and in the README):
 * what went wrong, not just that something did.
 */
export const EXIT = {
  ok: 0,
  usage: 1,
  badFile: 2,
  auth: 3,
  notFound: 4,
  limit: 5,
  rateLimited: 6,
  network: 7,
  scoringFailed: 8,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The exit code for an API error response. */
export function exitCodeFor(status: number, code: string): number {
  if (status === 400 || status === 413) return EXIT.badFile;
  if (status === 401) return EXIT.auth;
  if (status === 403) return code === "challenge_closed" ? EXIT.limit : EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.limit;
  if (status === 429) return EXIT.rateLimited;
  // The server or a proxy in front of it is briefly down: like a network error, worth trying again later.
  if (status === 502 || status === 503 || status === 504) return EXIT.network;
  return EXIT.usage;
}
