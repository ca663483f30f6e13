/**
 * A reusable open-addressing map from feature index to a running sum, kept in small typed arrays
 * so a text's few thousand n-grams stay in cache (a dense array over 2^18 buckets does not).
 * Slots are remembered in insertion order, which keeps every later sum in a fixed order and so
 * keeps vectors bit-for-bit reproducible. Not re-entrant: one per vectoriser.
 */
export class FeatureAccumulator {
  private keys = new Int32Array(0);
  private vals = new Float64Array(0);
  private slots = new Int32Array(0);
  private shift = 32;
  private mask = 0;
  /** Number of distinct keys added since the last reset. */
  size = 0;

  /** Makes room for `maxKeys` distinct keys at load factor ≤ ½; clears nothing. */
  reserve(maxKeys: number): void {
    let bits = 4;
    while (1 << bits < 2 * (maxKeys + 1)) bits++;
    if (this.keys.length >= 1 << bits) return;
    const old = { keys: this.keys, vals: this.vals, slots: this.slots, size: this.size };
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.vals = new Float64Array(1 << bits);
    this.slots = new Int32Array(1 << (bits - 1));
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.size = 0;
    for (let i = 0; i < old.size; i++) this.add(old.keys[old.slots[i]!]!, old.vals[old.slots[i]!]!);
  }

  add(key: number, delta: number): void {
    const keys = this.keys;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (true) {
      const k = keys[s]!;
      if (k === key) {
        this.vals[s] = this.vals[s]! + delta;
        return;
      }
      if (k === -1) {
        keys[s] = key;
        this.vals[s] = delta;
        this.slots[this.size++] = s;
        return;
      }
      s = (s + 1) & this.mask;
    }
  }

  /** Adds to an existing key and returns true; returns false (adding nothing) when absent. */
  addIfPresent(key: number, delta: number): boolean {
    const keys = this.keys;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (true) {
      const k = keys[s]!;
      if (k === key) {
        this.vals[s] = this.vals[s]! + delta;
        return true;
      }
      if (k === -1) return false;
      s = (s + 1) & this.mask;
    }
  }

  keyAt(i: number): number {
    return this.keys[this.slots[i]!]!;
  }

  valueAt(i: number): number {
    return this.vals[this.slots[i]!]!;
  }

  setValueAt(i: number, v: number): void {
    this.vals[this.slots[i]!] = v;
  }

  reset(): void {
    for (let i = 0; i < this.size; i++) this.keys[this.slots[i]!] = -1;
    this.size = 0;
  }
}
