/**
 * The first few tracks of a seed with the tubes they fire, for an SVG picture
 * of a design. They are the same tracks, in the same order, that scoreDesign
 * scores for that seed, and v2's fired tubes use the same efficiency draws.
 *
 * Worked example: in the course's default v1 geometry (layers at z = 0, 2, 6,
 * 12, offset 0), a track with b = 4.3 and k = 0.02 fires the tube at y = 4 of
 * every layer (its crossings 4.3 … 4.54 all lie within 1 cm of y = 4), so its
 * `hits` lists four entries; `tubes` lists the 4 × 15 tube centres with
 * |y| <= 30 cm.
 */
import { type Design, designLayers, V1_SCHEMA } from "./design-schema";
import { HIT_EFFICIENCY } from "./simulate";
import { drawTrack, newTrack, trackStreams, tubesHit } from "./tracks";

/** Tubes listed for the picture: centres with |y| at most this (cm). */
export const PICTURE_HALF_HEIGHT = 30;
export const MAX_SAMPLE_TRACKS = 10_000;

export interface TubePosition {
  layer: number;
  z: number;
  y: number;
}

export interface SampledTracks {
  tracks: { k: number; b: number; hits: TubePosition[] }[];
  tubes: (TubePosition & { r: number })[];
}

export function sampleTracks(design: Design, opts: { seed: number; count: number }): SampledTracks {
  const { seed, count } = opts;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_SAMPLE_TRACKS) {
    throw new RangeError(`count must be an integer in [0, ${MAX_SAMPLE_TRACKS}], got ${count}`);
  }
  const layers = designLayers(design);
  const tubes: SampledTracks["tubes"] = [];
  layers.forEach((l, layer) => {
    const first = Math.ceil((-PICTURE_HALF_HEIGHT - l.y) / l.pitch);
    for (let n = first; l.y + n * l.pitch <= PICTURE_HALF_HEIGHT; n++) tubes.push({ layer, z: l.z, y: l.y + n * l.pitch, r: l.radius });
  });

  const streams = trackStreams(seed);
  const track = newTrack();
  const tracks: SampledTracks["tracks"] = [];
  for (let t = 0; t < count; t++) {
    drawTrack(streams, track);
    const hits: TubePosition[] = [];
    layers.forEach((l, layer) => {
      const u = (track.k * l.z + track.b - l.y) / l.pitch;
      const w = l.radius / (l.pitch * track.cosAlpha);
      if (design.schema === V1_SCHEMA) {
        // Every tube within reach, as the v1 score counts them.
        for (let n = Math.floor(u - w) + 1; n < u + w; n++) hits.push({ layer, z: l.z, y: l.y + n * l.pitch });
        return;
      }
      // v2 reads one tube per layer, the nearest, when it is efficient (same draw as the scorer).
      const efficient = streams.efficiency.uniform() < HIT_EFFICIENCY;
      if (efficient && tubesHit(u, w) > 0) hits.push({ layer, z: l.z, y: l.y + Math.round(u) * l.pitch });
    });
    tracks.push({ k: track.k, b: track.b, hits });
  }
  return { tracks, tubes };
}
