/**
 * Checksums and structural checks that turn digit runs into entities only when they are real:
 * Luhn for payment cards, ISO 13616 mod-97 for IBANs, SSA rules for US SSNs, octet and group
 * limits for IP addresses, and Shannon entropy for secret-looking tokens.
 */

/**
 * Luhn (mod 10) check. From the rightmost digit, double every second digit, subtract 9 from any
 * result above 9, sum everything; valid when the sum is divisible by 10.
 * Worked example: "79927398713" sums to 70, so it passes; "79927398710" sums to 67 and fails.
 * Reference: ISO/IEC 7812-1, annex B.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Card brands by prefix and length (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
export function looksLikeCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19) return false;
  return /^4/.test(digits) // Visa
    || (/^(5[1-5]|2[2-7])/.test(digits) && n === 16) // Mastercard
    || (/^3[47]/.test(digits) && n === 15) // Amex
    || /^(6011|65|64[4-9])/.test(digits) // Discover
    || (/^3(0[0-5]|[68])/.test(digits) && n >= 14) // Diners
    || /^35(2[89]|[3-8])/.test(digits) // JCB
    || /^62/.test(digits) // UnionPay
    || /^(5[06-9]|6)/.test(digits); // Maestro
}

/**
 * IBAN check (ISO 13616): move the first four characters to the end, replace letters by 10..35,
 * and the number mod 97 must be 1. Computed piecewise so no big integers are needed.
 * Worked example: "GB82 WEST 1234 5698 7654 32" is valid; changing the last digit to 3 breaks it.
 */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rem = value >= 10 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97;
  }
  return rem === 1;
}

/** US SSN rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && Number(group) !== 0 && Number(serial) !== 0;
}

/** Dotted-quad IPv4 with each octet 0-255 and no leading zeros beyond "0". */
export function ipv4Valid(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 text form (RFC 4291 section 2.2): 8 groups, or fewer with one "::", optional IPv4 tail. */
export function ipv6Valid(s: string): boolean {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!ipv4Valid(text.slice(lastColon + 1))) return false;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = all.length;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * Shannon entropy in bits per character: H = -Σ p(c) log2 p(c) over the characters of s.
 * Worked example: "aabb" has p = 0.5 for two symbols, H = 1 bit; a random base64 string of 40
 * characters sits near 5 bits. Reference: Shannon (1948), "A Mathematical Theory of Communication".
 */
export function shannonEntropyBits(s: string): number {
  if (s.length === 0) return 0;
  const ascii = new Uint16Array(128);
  let other: Map<string, number> | undefined;
  let n = 0;
  for (const ch of s) {
    n++;
    const c = ch.charCodeAt(0);
    if (c < 128) ascii[c] = (ascii[c] ?? 0) + 1;
    else (other ??= new Map()).set(ch, (other.get(ch) ?? 0) + 1);
  }
  let h = 0;
  const add = (count: number) => {
    const p = count / n;
    h -= p * Math.log2(p);
  };
  for (let c = 0; c < 128; c++) if ((ascii[c] ?? 0) > 0) add(ascii[c] ?? 0);
  if (other) for (const count of other.values()) add(count);
  return h;
}
