/**
 * Scratch arrays reused from one scoring to the next. Ranking 550,000 events needs some 40 MB of temporary arrays;
 * allocating them afresh for every submission costs more than the arithmetic (each new page is faulted in, and the
 * garbage collector runs to reclaim the external memory) and makes the process's memory grow in steps. The server
 * scores many submissions against one solution, so the registry keeps one workspace per solution.
 *
 * An array from a workspace is valid until the next request for the same slot: use one only within one synchronous
 * computation, and never return it.
 *
 * Example: `ws.float64("sorted", 3)` is a Float64Array of length 3 holding whatever its last user left there; a later
 * `ws.float64("sorted", 2)` views the same memory, and `ws.float64("sorted", 5)` gets a larger buffer that replaces it.
 * `new Workspace(false)` keeps nothing: every request is a new zeroed array (for one-off callers).
 */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

export class Workspace {
  private readonly slots = new Map<string, TypedArray>();

  constructor(private readonly keep = true) {}

  private get<T extends TypedArray>(slot: string, size: number, make: (size: number) => T): T {
    if (!this.keep) return make(size);
    let buffer = this.slots.get(slot) as T | undefined;
    if (buffer === undefined || buffer.length < size) {
      buffer = make(size);
      this.slots.set(slot, buffer);
    }
    return buffer.subarray(0, size) as T;
  }

  float64(slot: string, size: number): Float64Array {
    return this.get(slot, size, (n) => new Float64Array(n));
  }

  int32(slot: string, size: number): Int32Array {
    return this.get(slot, size, (n) => new Int32Array(n));
  }

  uint32(slot: string, size: number): Uint32Array {
    return this.get(slot, size, (n) => new Uint32Array(n));
  }

  uint8(slot: string, size: number): Uint8Array {
    return this.get(slot, size, (n) => new Uint8Array(n));
  }
}

/** For callers without a workspace: fresh arrays every time. */
export const FRESH = new Workspace(false);
