/** Base64 of bytes and back, with the platform's atob/btoa (present in Node ≥ 16 and browsers). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Unsigned LEB128 varints of the gaps between sorted, distinct, non-negative integers. */
export function encodeSortedGaps(sorted: ArrayLike<number>): Uint8Array {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < sorted.length; i++) {
    let gap = sorted[i]! - prev - 1;
    prev = sorted[i]!;
    while (gap >= 0x80) {
      out.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    out.push(gap);
  }
  return Uint8Array.from(out);
}

export function decodeSortedGaps(bytes: Uint8Array): Int32Array {
  const out: number[] = [];
  let prev = -1;
  let value = 0;
  let shift = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value |= (b & 0x7f) << shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    prev = prev + value + 1;
    out.push(prev);
    value = 0;
    shift = 0;
  }
  return Int32Array.from(out);
}
