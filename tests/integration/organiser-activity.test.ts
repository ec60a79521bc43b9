/**
 * The organiser's Activity section rendered on both databases: the field's best scores as a histogram over the
 * finite ones, with +∞ (1/ε_B when no background passes the cut) and NaN counted on a line of their own.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { Activity } from "@/app/(site)/challenges/[slug]/manage/activity";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";

describeEachDatabase("the organiser's activity section", (get) => {
  const render = async (c: { id: number; slug: string }) =>
    renderToStaticMarkup(await Activity({ db: get().db, slug: c.slug, challengeId: c.id, higherIsBetter: true, metricLabel: "1/ε_B" }));

  it("bins the finite best scores and lists ∞ and NaN apart", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    for (const pub of [12, 14, 15, Infinity, Infinity, NaN]) {
      const { team } = await makeUserWithTeam(db, c.id);
      await makeScored(db, { challengeId: c.id, teamId: team.id, pub, priv: 0 });
    }
    const html = await render(c);
    expect(html).toContain("best public scores (6 teams)");
    expect(html).toContain('data-testid="off-axis-scores"');
    expect(html).toContain("Not on the axis: ∞: 2 teams; not a number: 1 team");
    // The scores chart's axes: x around the finite scores, y up to one team per bin (the two ∞ in the top bin made it 3).
    const chart = html.slice(html.indexOf("best public scores"), html.indexOf("Recent failed submissions"));
    const ticks = (anchor: string) =>
      [...chart.matchAll(new RegExp(`font-size="10" text-anchor="${anchor}"[^>]*>([^<]+)<`, "g"))].map((m) => Number(m[1]));
    expect(Math.min(...ticks("middle"))).toBeGreaterThanOrEqual(10);
    expect(Math.max(...ticks("middle"))).toBeLessThanOrEqual(16);
    expect(Math.max(...ticks("end"))).toBe(1);
  });

  it("shows no such line when every score is finite", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const { team } = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: team.id, pub: 3, priv: 0 });
    const html = await render(c);
    expect(html).toContain("best public scores (1 team)");
    expect(html).not.toContain("off-axis-scores");
  });
});
