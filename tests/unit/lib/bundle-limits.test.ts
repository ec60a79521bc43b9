import { performance } from "node:perf_hooks";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BundleError, readBundle } from "@/lib/bundles";
import { MAX_MANIFEST_BYTES, parseManifest } from "@/lib/bundles/manifest";

const MiB = 1024 * 1024;
const issuesOf = async (fn: () => Promise<unknown>): Promise<string[]> => {
  try {
    await fn();
  } catch (err) {
    if (err instanceof BundleError) return err.issues;
    throw err;
  }
  return [];
};

/** Sets an entry's declared unzipped size in both headers: a zip may claim anything there. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe("bundle limits (zip bombs, hostile manifests)", () => {
  it("stops a zip-bomb entry at the running limit, whatever size its headers claim", async () => {
    // 64 MiB of zeros deflate to ~64 KB; the headers claim 100 bytes.
    const bomb = lieAboutSize(zipSync({ "challenge.yaml": new Uint8Array(64 * MiB) }, { level: 1 }), 100);
    const t0 = performance.now();
    const heap0 = process.memoryUsage().arrayBuffers;
    expect(await issuesOf(() => readBundle(bomb, { maxUnzippedBytes: MiB }))).toEqual([`the unzipped bundle would exceed ${MiB} bytes`]);
    const grew = process.memoryUsage().arrayBuffers - heap0;
    console.log(
      `zip bomb (64 MiB entry claiming 100 bytes): refused after ${(performance.now() - t0).toFixed(0)} ms, array buffers +${(grew / MiB).toFixed(1)} MiB`,
    );
    // Never the whole entry (64 MiB) at once: at most one inflate step (4 MiB) past the limit, plus what the GC has not reclaimed yet.
    expect(grew).toBeLessThan(32 * MiB);
  }, 60_000);

  it("refuses a corrupt or foreign archive with a message", async () => {
    expect((await issuesOf(() => readBundle(strToU8("not a zip"))))[0]).toMatch(/^not a zip archive/);
  });

  it("answers an alias bomb with a message instead of expanding it", async () => {
    let yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    let prev = "a";
    for (let i = 0; i < 9; i++) {
      yaml += `b${i}: &b${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]\n`;
      prev = `b${i}`;
    }
    expect(parseManifest(yaml).issues).toEqual([expect.stringMatching(/^YAML: Excessive alias count .* \(at most 100 alias uses\)$/)]);
    // Through the bundle reader too (the route turns a BundleError into 400 bad_bundle).
    expect((await issuesOf(() => readBundle(zipSync({ "challenge.yaml": strToU8(yaml) }))))[0]).toMatch(/Excessive alias count/);
  });

  it("refuses a manifest over the size cap, and parses one just under it with many keys in linear time", () => {
    const keys = (bytes: number) => {
      let s = "";
      for (let i = 0; s.length < bytes; i++) s += `k${i}: 1\n`;
      return s;
    };
    expect(parseManifest(keys(MAX_MANIFEST_BYTES + 10)).issues).toEqual([
      `the manifest is larger than 64 KiB (a challenge.yaml is a few kilobytes)`,
    ]);
    const t0 = performance.now();
    const near = parseManifest(keys(MAX_MANIFEST_BYTES - 100));
    console.log(`manifest of ${MAX_MANIFEST_BYTES / 1024} KiB with ~7,400 keys: validated in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(near.manifest).toBeNull();
    expect(near.issues.length).toBeGreaterThan(0);
  });

  it("still reports a repeated key, with its line", () => {
    expect(parseManifest("format: 1\nkind: higgs-tautau\nkind: detector-design\n").issues).toEqual([
      'YAML syntax error at line 3: map keys must be unique ("kind" repeats)',
    ]);
  });
});
