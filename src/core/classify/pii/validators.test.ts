import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanValid, ipv4Valid, ipv6Valid, luhnValid, shannonEntropyBits, ssnValid } from './validators.js';

/** The digit that makes `body` + digit pass Luhn, computed independently of luhnValid. */
function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

describe('luhnValid', () => {
  it('accepts and rejects the textbook numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('41x1')).toBe(false);
  });
  it('accepts exactly one check digit per body', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{12,18}$/), (body) => {
      const good = luhnCheckDigit(body);
      expect(luhnValid(body + String(good))).toBe(true);
      expect(luhnValid(body + String((good + 1) % 10))).toBe(false);
    }));
  });
});

describe('ibanValid', () => {
  it('checks mod 97 with or without spaces', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(ibanValid('GB82')).toBe(false);
  });
});

describe('ssnValid / ip validators', () => {
  it('applies the SSA exclusions', () => {
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(ssnValid('000', '45', '6789')).toBe(false);
    expect(ssnValid('666', '45', '6789')).toBe(false);
    expect(ssnValid('912', '45', '6789')).toBe(false);
    expect(ssnValid('123', '00', '6789')).toBe(false);
  });
  it('validates IPv4 octets and IPv6 forms', () => {
    expect(ipv4Valid('192.168.0.1')).toBe(true);
    expect(ipv4Valid('256.1.1.1')).toBe(false);
    expect(ipv4Valid('01.1.1.1')).toBe(false);
    expect(ipv6Valid('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(ipv6Valid('2001:db8::ff00:42:8329')).toBe(true);
    expect(ipv6Valid('::1')).toBe(true);
    expect(ipv6Valid('::ffff:192.0.2.128')).toBe(true);
    expect(ipv6Valid('1::2::3')).toBe(false);
    expect(ipv6Valid('1:2:3:4:5:6:7')).toBe(false);
    expect(ipv6Valid('12345::1')).toBe(false);
  });
});

describe('shannonEntropyBits', () => {
  it('matches hand-computed values and its bounds', () => {
    expect(shannonEntropyBits('aabb')).toBeCloseTo(1, 12);
    expect(shannonEntropyBits('aaaa')).toBe(0);
    expect(shannonEntropyBits('abcd')).toBeCloseTo(2, 12);
    expect(shannonEntropyBits('')).toBe(0);
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64 }), (s) => {
      const h = shannonEntropyBits(s);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(Math.log2([...s].length) + 1e-9);
    }));
  });
});
