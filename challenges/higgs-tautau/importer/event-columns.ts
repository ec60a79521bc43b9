/**
 * Growable columnar storage for events read from a file whose row count is unknown until its end: typed
 * arrays doubled on demand, so 818,238 rows cost a few reallocations instead of 28 million boxed numbers.
 */
import { HIGGS_FEATURES, type HiggsEvents } from "../schema";

const INITIAL_CAPACITY = 4096;

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Events plus the file facts the importer needs after reading: the line of each row and its KaggleSet code. */
export interface ReadEvents {
  events: HiggsEvents;
  /** 1-based line of each row, for messages about duplicates found after the whole file is read. */
  line: Int32Array;
  /** KaggleSet code per row (see KAGGLE_SET_CODES); all zero for files without that column. */
  kaggleSet: Uint8Array;
}

export class EventColumns {
  size = 0;
  private capacity = INITIAL_CAPACITY;
  eventId = new Int32Array(INITIAL_CAPACITY);
  features: Float64Array[] = HIGGS_FEATURES.map(() => new Float64Array(INITIAL_CAPACITY));
  weight = new Float64Array(INITIAL_CAPACITY);
  label = new Uint8Array(INITIAL_CAPACITY);
  kaggleSet = new Uint8Array(INITIAL_CAPACITY);
  line = new Int32Array(INITIAL_CAPACITY);

  /** Index of a new row (zero-filled), growing every column when full. */
  addRow(): number {
    if (this.size === this.capacity) {
      const c = this.capacity * 2;
      this.eventId = grow(this.eventId, c);
      this.features = this.features.map((col) => grow(col, c));
      this.weight = grow(this.weight, c);
      this.label = grow(this.label, c);
      this.kaggleSet = grow(this.kaggleSet, c);
      this.line = grow(this.line, c);
      this.capacity = c;
    }
    return this.size++;
  }

  /** Views of the filled part (no copy: the importer selects and copies the rows it keeps anyway). */
  finish(): ReadEvents {
    const n = this.size;
    return {
      events: {
        eventId: this.eventId.subarray(0, n),
        features: this.features.map((col) => col.subarray(0, n)),
        weight: this.weight.subarray(0, n),
        label: this.label.subarray(0, n),
      },
      line: this.line.subarray(0, n),
      kaggleSet: this.kaggleSet.subarray(0, n),
    };
  }
}
