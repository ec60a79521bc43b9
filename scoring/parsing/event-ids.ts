/**
 * A solution's EventIds in row order. Whole-number ids (HiggsML's 350000..899999, the usual case) are kept as numbers
 * in one Float64Array: a server keeps each challenge's solution in memory, and one string per id would be hundreds of
 * thousands of objects that every major garbage collection traces. Ids of any other form stay strings.
 */
export interface EventIds {
  readonly length: number;
  /** The id of `row` as text: made on demand for whole-number ids, so for messages, not for loops over all rows. */
  at(row: number): string;
  /** The value of every id when all are canonical whole numbers (see canonicalInteger), else null. */
  readonly integers: Float64Array | null;
}

/** Canonical decimal (no sign, no leading zero, at most 15 digits, so exact): its value, else −1. "007" is not 7. */
export function canonicalInteger(id: string): number {
  if (id.length === 0 || id.length > 15 || (id.length > 1 && id.charCodeAt(0) === 48)) return -1;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return Number(id);
}

/** EventIds built one id at a time (a streamed file's row count is unknown until its end). */
export class EventIdList implements EventIds {
  length = 0;
  private values = new Float64Array(1024);
  /** Set at the first id that is not a canonical whole number: from then on every id is kept as text. */
  private texts: string[] | null = null;

  static of(ids: Iterable<string>): EventIdList {
    const list = new EventIdList();
    for (const id of ids) list.push(id);
    return list.trimmed();
  }

  push(id: string): void {
    if (this.texts === null) {
      const value = canonicalInteger(id);
      if (value >= 0) {
        if (this.length === this.values.length) {
          const values = new Float64Array(this.length * 2);
          values.set(this.values);
          this.values = values;
        }
        this.values[this.length++] = value;
        return;
      }
      // String(value) spells a canonical whole number exactly as its text did.
      this.texts = Array.from(this.values.subarray(0, this.length), String);
    }
    this.texts.push(id);
    this.length++;
  }

  /** Drops the spare capacity once the last id is in. */
  trimmed(): this {
    if (this.values.length > this.length) this.values = this.values.slice(0, this.length);
    return this;
  }

  at(row: number): string {
    return this.texts === null ? String(this.values[row]) : this.texts[row]!;
  }

  get integers(): Float64Array | null {
    return this.texts === null ? this.values.subarray(0, this.length) : null;
  }
}
