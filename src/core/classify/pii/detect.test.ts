import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiEntity } from '../types.js';
import { detectPii } from './detect.js';

const spans = (text: string, type?: string) => detectPii(text)
  .filter((e) => type === undefined || e.type === type)
  .map((e) => text.slice(e.start, e.end));
const types = (text: string) => detectPii(text).map((e: PiiEntity) => e.type);

describe('detectPii: patterns', () => {
  it('finds card numbers with spaces or dashes only when Luhn passes', () => {
    expect(spans('card 4111 1111 1111 1111 ok', 'CREDIT_CARD')).toEqual(['4111 1111 1111 1111']);
    expect(spans('card 5500-0000-0000-0004 ok', 'CREDIT_CARD')).toEqual(['5500-0000-0000-0004']);
    expect(spans('card 4111-1111-1111-1112 ok', 'CREDIT_CARD')).toEqual([]);
    expect(spans('amex 3782 822463 10005', 'CREDIT_CARD')).toEqual(['3782 822463 10005']);
  });
  it('finds an IBAN written with spaces, and rejects a wrong checksum', () => {
    expect(spans('pay to GB82 WEST 1234 5698 7654 32 today', 'IBAN_CODE')).toEqual(['GB82 WEST 1234 5698 7654 32']);
    expect(spans('pay to GB82 WEST 1234 5698 7654 33 today', 'IBAN_CODE')).toEqual([]);
  });
  it('finds IPv4 and IPv6 addresses but not times', () => {
    expect(spans('from 2001:db8::ff00:42:8329 and fe80::1ff:fe23:4567:890a', 'IP_ADDRESS'))
      .toEqual(['2001:db8::ff00:42:8329', 'fe80::1ff:fe23:4567:890a']);
    expect(spans('host 10.0.0.255 not 999.1.1.1', 'IP_ADDRESS')).toEqual(['10.0.0.255']);
    expect(spans('at 12:30:45 sharp', 'IP_ADDRESS')).toEqual([]);
  });
  it('keeps plus-addressing in emails and does not split out the domain', () => {
    const text = 'write to jane.doe+news@mail.example.co.uk please';
    expect(detectPii(text).map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([['EMAIL_ADDRESS', 'jane.doe+news@mail.example.co.uk']]);
  });
  it('finds US and international phone formats', () => {
    expect(spans('call (555) 123-4567 now', 'PHONE_NUMBER')).toEqual(['(555) 123-4567']);
    expect(spans('call 555-123-4567 now', 'PHONE_NUMBER')).toEqual(['555-123-4567']);
    expect(spans('ring +44 20 7946 0958 today', 'PHONE_NUMBER')).toEqual(['+44 20 7946 0958']);
    expect(spans('mobile: +1-202-555-0143x12', 'PHONE_NUMBER')).toEqual(['+1-202-555-0143x12']);
    expect(spans('tel +33 1 42 68 53 00', 'PHONE_NUMBER')).toEqual(['+33 1 42 68 53 00']);
    expect(spans('tel +49 (0)30 1234567', 'PHONE_NUMBER')).toEqual(['+49 (0)30 1234567']);
    expect(spans('mobile 07700 900123', 'PHONE_NUMBER')).toEqual(['07700 900123']);
    expect(spans('Phone: 5551234567', 'PHONE_NUMBER')).toEqual(['5551234567']);
    expect(spans('we sold 1200 units in 2023', 'PHONE_NUMBER')).toEqual([]);
    expect(spans('in 2019 2020 2021 sales rose; scores 1 2 3 4 5 6 7 8', 'PHONE_NUMBER')).toEqual([]);
  });
  it('validates SSNs', () => {
    expect(spans('SSN: 123-45-6789', 'US_SSN')).toEqual(['123-45-6789']);
    expect(spans('SSN: 000-45-6789', 'US_SSN')).toEqual([]);
  });
  it('finds URLs without trailing punctuation, and bare domains', () => {
    expect(spans('see https://example.com/a?b=1.', 'URL')).toEqual(['https://example.com/a?b=1']);
    expect(spans('go to argus-monitor.io today', 'DOMAIN_NAME')).toEqual(['argus-monitor.io']);
    expect(spans('open README.md and main.py', 'DOMAIN_NAME')).toEqual([]);
  });
  it('finds dates and ages', () => {
    expect(spans('born on 12/27/1986 at 14:48', 'DATE_TIME')).toEqual(['12/27/1986', '14:48']);
    expect(spans('he is 42 years old', 'AGE')).toEqual(['42 years old']);
  });
});

describe('detectPii: credentials and code', () => {
  it('finds keys by vendor prefix', () => {
    const keys = [
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'xoxb-123456789012-abcdefghijkl',
      'sk-proj-abcdefghijklmnopqrstuvwx1234',
      'sk_live_abcdefghijklmnop1234',
      'AIzaSyA1234567890abcdefghijklmnopqrstu',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ];
    for (const key of keys) expect(spans(`token ${key} here`, 'CREDENTIAL')).toEqual([key]);
  });
  it('finds a PEM private key block', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    expect(spans(`key:\n${pem}\n`, 'CREDENTIAL')).toEqual([pem]);
  });
  it('flags high-entropy tokens but not long plain words or identifiers', () => {
    expect(spans('secret Zx9QmT4vL8pR2sW7kN3bY6cH1dF5gJ0a end', 'CREDENTIAL')).toEqual(['Zx9QmT4vL8pR2sW7kN3bY6cH1dF5gJ0a']);
    expect(spans('aaaaaaaaaaaaaaaaaaaaaaaaaaaaa1 and some_long_identifier_name_v2', 'CREDENTIAL')).toEqual([]);
  });
  it('marks a key inside a fenced block as both CODE and CREDENTIAL', () => {
    const text = 'Use this:\n```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n```\nDone, Maria.';
    const found = detectPii(text);
    const code = found.find((e) => e.type === 'CODE');
    const key = found.find((e) => e.type === 'CREDENTIAL');
    expect(code && text.slice(code.start, code.end)).toBe('```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n```');
    expect(key && text.slice(key.start, key.end)).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(code && key && key.start > code.start && key.end < code.end).toBe(true);
  });
  it('finds indented code blocks and ignores names inside code', () => {
    const text = 'Example:\n\n    const Alice = connect("db.internal");\n    Alice.close();\n\nThat is all.';
    expect(spans(text, 'CODE')).toEqual(['    const Alice = connect("db.internal");\n    Alice.close();']);
    expect(spans(text, 'PERSON')).toEqual([]);
  });
});

describe('detectPii: names and addresses', () => {
  it('finds people, places and organisations', () => {
    const text = 'Yesterday Maria Garcia flew from Lisbon to meet Dr. Okafor at Acme Holdings.';
    const found = detectPii(text).map((e) => [e.type, text.slice(e.start, e.end)]);
    expect(found).toEqual([
      ['PERSON', 'Maria Garcia'], ['LOCATION', 'Lisbon'], ['PERSON', 'Dr. Okafor'], ['ORGANIZATION', 'Acme Holdings'],
    ]);
  });
  it('does not take capitalised common words for names', () => {
    expect(types('Capitalized words like Wisdom and Discipline are often mistaken with names.')).toEqual([]);
    expect(types('CAN I SPEAK TO A REAL PERSON?')).toEqual([]);
    expect(types("What's your email? Here's the Labor Day plan.")).toEqual([]);
  });
  it('finds street addresses in several shapes', () => {
    expect(spans('She lives at 221B Baker Street, London.', 'ADDRESS')).toEqual(['221B Baker Street, London']);
    expect(spans('Office: Nassaustraat 123, Den Haag', 'ADDRESS')).toEqual(['Nassaustraat 123']);
    expect(spans('Send it to 16 rue Descartes please', 'ADDRESS')).toEqual(['16 rue Descartes']);
    expect(spans('Suite 771 is upstairs', 'ADDRESS')).toEqual(['Suite 771']);
    expect(spans('Springfield, IL 62704', 'ADDRESS')).toEqual(['IL 62704']);
  });
  it('resolves overlaps: one entity per stretch of text outside code', () => {
    const text = 'Mail bob@corp.example.com or visit https://corp.example.com/jobs from 1755 Nelson Mandela Drive.';
    const found = detectPii(text).filter((e) => e.type !== 'CODE');
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    expect(found.map((e) => e.type)).toEqual(['EMAIL_ADDRESS', 'URL', 'ADDRESS']);
  });
  it('uses UTF-16 offsets after emoji', () => {
    const text = '😀😀 mail ann@x.io';
    const [e] = detectPii(text);
    expect(e).toMatchObject({ type: 'EMAIL_ADDRESS', start: 10, end: 18 });
  });
  it('applies the types and minScore options', () => {
    const text = 'Call Maria Garcia on 555-123-4567.';
    expect(detectPii(text, { types: ['PHONE_NUMBER'] }).map((e) => e.type)).toEqual(['PHONE_NUMBER']);
    expect(detectPii(text, { names: false }).map((e) => e.type)).toEqual(['PHONE_NUMBER']);
    expect(detectPii(text, { minScore: 0.99 })).toEqual([]);
  });
});

describe('detectPii: invariants on arbitrary text', () => {
  it('returns in-bounds, ordered spans that do not overlap outside CODE', () => {
    const pieces = fc.constantFrom('Maria Garcia', ' ', '\n', '😀', 'ann@x.io', '4111 1111 1111 1111', '```\n', 'Straße 5', '12/27/1986',
      '::1', 'é', 'AKIAIOSFODNN7EXAMPLE', '.', ',', 'lives at 46 velký průhon 426', '+44 20 7946 0958', 'Inc', '\ud800');
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const found = detectPii(text);
      for (const e of found) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeLessThanOrEqual(text.length);
        expect(e.end).toBeGreaterThan(e.start);
        expect(e.score).toBeGreaterThan(0);
        expect(e.score).toBeLessThanOrEqual(1);
      }
      const flat = found.filter((e) => e.type !== 'CODE');
      for (let i = 1; i < flat.length; i++) expect(flat[i]!.start).toBeGreaterThanOrEqual(flat[i - 1]!.end);
    }), { numRuns: 300 });
  });
});
