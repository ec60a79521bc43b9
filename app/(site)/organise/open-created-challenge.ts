/**
 * After an organiser's import request: opens the created challenge's manage page, or returns the error message the
 * API gave (one error shape for every route, see lib/api/v1).
 */
export async function openCreatedChallenge(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { challenge?: { slug: string }; error?: { message: string } };
  if (res.ok && body.challenge) {
    window.location.assign(`/challenges/${body.challenge.slug}/manage`);
    return undefined;
  }
  return body.error?.message ?? `Import failed (HTTP ${res.status}).`;
}
