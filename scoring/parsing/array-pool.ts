/**
 * Arrays lent to one borrower at a time: a parse's solution-sized arrays, a file reader's buffers. A parse reads a
 * stream, so it spans awaits, and two parses against the same solution may interleave: unlike a Workspace slot (valid
 * within one synchronous computation), an array taken from here belongs to its borrower alone until it is given back.
 *
 * Why lend at all: each page of a fresh array is faulted in on first touch, and a parse's arrays are as large as
 * the solution, so allocating them anew for every parse makes the faults cost as much as the parse itself.
 *
 * Example: `const a = pool.take(Int32Array, 3)` gives a length-3 Int32Array holding whatever its last borrower left
 * (fill it if that matters); after `pool.give(a)`, the next `pool.take(Int32Array, 3)` returns that same array.
 * An array never given back is simply the borrower's: the pool makes a new one next time.
 */

type PooledArray = Float64Array | Int32Array | Uint8Array;

/** More free arrays than any one parse gives back: a bound, so a burst of concurrent parses cannot pin memory for good. */
const MAX_FREE = 8;

export class ArrayPool {
  private readonly free: PooledArray[] = [];

  take<T extends PooledArray>(make: new (length: number) => T, length: number): T {
    const at = this.free.findIndex((a) => a.constructor === make && a.length === length);
    if (at < 0) return new make(length);
    return this.free.splice(at, 1)[0] as T;
  }

  /** Gives arrays back; the borrower must not touch them afterwards. */
  give(...arrays: PooledArray[]): void {
    for (const a of arrays) if (this.free.length < MAX_FREE && !this.free.includes(a)) this.free.push(a);
  }
}
