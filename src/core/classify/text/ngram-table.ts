/**
 * Signed counts of one text's hashed word and character n-grams, per feature index, in one
 * open-addressing table that is reused from text to text (not re-entrant: one per vectoriser).
 *
 * Each slot is four int32 cells side by side, so a probe touches one cache line:
 * [stamp, key, word count, char count]. A slot belongs to the current text when its stamp is this
 * text's generation (`live - 1`, or `live` once a char n-gram has been seen in it), so starting a
 * new text clears nothing. Slots are also listed in first-seen order, once for words and once
 * for chars: those orders fix the order of every later sum, which keeps vectors bit-for-bit the
 * same as the separate word and char tables this replaces.
 */
export class NgramTable {
  cells = new Int32Array(0);
  /** Cell offsets (4·slot) of word keys in the order first seen, and how many. */
  wordOrder = new Int32Array(0);
  wordSize = 0;
  /** Cell offsets of keys in the order a char n-gram first hit them, and how many. */
  charOrder = new Int32Array(0);
  charSize = 0;
  private cellMask = 0;
  private live = 1;

  /** Starts a new text that will add at most `maxKeys` distinct keys in all (load factor ≤ ½). */
  begin(maxKeys: number): void {
    let slots = 16;
    while (slots < 2 * (maxKeys + 1)) slots *= 2;
    if (this.cells.length < slots * 4) {
      this.cells = new Int32Array(slots * 4);
      this.live = 1;
    } else {
      slots = this.cells.length / 4;
    }
    // Stamps grow by two per text; before they overflow, wipe the table and start again.
    if (this.live >= 0x3ffffff0) {
      this.cells.fill(0);
      this.live = 1;
    }
    this.live += 2;
    this.cellMask = slots * 4 - 1;
    if (this.wordOrder.length < maxKeys) {
      this.wordOrder = new Int32Array(maxKeys);
      this.charOrder = new Int32Array(maxKeys);
    }
    this.wordSize = 0;
    this.charSize = 0;
  }

  /** Adds `sign` (±1) to the word count of `key`. */
  addWord(key: number, sign: number): void {
    const cells = this.cells;
    const live = this.live;
    let c = (key << 2) & this.cellMask;
    while (true) {
      if ((cells[c]! | 1) !== live) {
        cells[c] = live - 1;
        cells[c + 1] = key;
        cells[c + 2] = sign;
        cells[c + 3] = 0;
        this.wordOrder[this.wordSize++] = c;
        return;
      }
      if (cells[c + 1] === key) {
        cells[c + 2] = cells[c + 2]! + sign;
        return;
      }
      c = (c + 4) & this.cellMask;
    }
  }

  /** Adds `sign` (±1) to the char count of `key`. */
  addChar(key: number, sign: number): void {
    const cells = this.cells;
    const live = this.live;
    let c = (key << 2) & this.cellMask;
    while (true) {
      const stamp = cells[c]!;
      if ((stamp | 1) !== live) {
        cells[c] = live;
        cells[c + 1] = key;
        cells[c + 2] = 0;
        cells[c + 3] = sign;
        this.charOrder[this.charSize++] = c;
        return;
      }
      if (cells[c + 1] === key) {
        if (stamp !== live) {
          cells[c] = live;
          this.charOrder[this.charSize++] = c;
        }
        cells[c + 3] = cells[c + 3]! + sign;
        return;
      }
      c = (c + 4) & this.cellMask;
    }
  }
}
