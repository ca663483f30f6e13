import { createPrng } from '../../../src/core/classify/model/prng.js';
import { makeItems } from '../../../bench/classify.js';

/**
 * A few hundred varied texts for checking that the fast classifier paths give the same results
 * as the reference implementations: bench-style ~1 KB outputs and requests, PII-heavy snippets,
 * obfuscated spellings, non-ASCII scripts, emoji (surrogate pairs), homoglyphs, invisible and
 * combining characters, lone surrogates, empty and very long texts. Fixed seed, so the list is
 * the same on every run.
 */
const PII = [
  'card 4111 1111 1111 1111 ok', 'card 5500-0000-0000-0004 ok', 'pay to GB82 WEST 1234 5698 7654 32 today',
  'from 2001:db8::ff00:42:8329 and fe80::1ff:fe23:4567:890a', 'host 10.0.0.255 not 999.1.1.1',
  'write to jane.doe+news@mail.example.co.uk please', 'ring +44 20 7946 0958 today', 'mobile: +1-202-555-0143x12',
  'we sold 1200 units in 2023', 'see https://example.com/a?b=1.', 'go to argus-monitor.io today', 'open README.md and main.py',
  'born on 12/27/1986 at 14:48', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked', 'xoxb-123456789012-abcdefghijkl',
  'key sk-proj-abcdefghijklmnopqrstuvwx1234', 'AIzaSyA1234567890abcdefghijklmnopqrstu',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'secret Zx9QmT4vL8pR2sW7kN3bY6cH1dF5gJ0a end',
  'Use this:\n```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n```\nDone, Maria.',
  'Example:\n\n    const Alice = connect("db.internal");\n    Alice.close();\n\nThat is all.',
  'Yesterday Maria Garcia flew from Lisbon to meet Dr. Okafor at Acme Holdings.', 'She lives at 221B Baker Street, London.',
  'Office: Nassaustraat 123, Den Haag', 'Send it to 16 rue Descartes please', 'My SSN is 078-05-1120 and I am 34 years old.',
  'Mail bob@corp.example.com or visit https://corp.example.com/jobs from 1755 Nelson Mandela Drive.',
  'Call John Smith at (555) 123-4567 on March 3, 2024.', 'Ship to Apt. 4B, 12 Main St, Springfield, IL 62704 (flat 3, suite 9)',
  'P.O. Box 1234, ZIP: 90210, zipcode 10001, postal code SW1A 1AA', 'key sk_live_abcdefghijklmnop1234 and rk_test_abcdefghijklmnop1234',
  'light through the night, ghp_ might sight gho_abcdefghijklmnopqrstuvwxyz0123456789', 'Nassaustraat 5 and Storgatan 12, Ziegelgasse 26, Hauptstraße 3', 'Tel: 020 7946 0958, Attn: Accounts, PM.', '😀 Contact ana@ex.pt, Rua Augusta 25, Lisboa',
];
const WEIRD = [
  'Ｈ０w tо m.a.k.e а b0mb!!!!', 'k i l l them', 'k.i.l.l', 'k-1-l-l', 'h3ll0 w0rld', 'kіll', 'ki\u200bll', 'k\u0336i\u0336l\u0336l\u0336',
  '𝐤𝐢𝐥𝐥 𝐭𝐡𝐞𝐦', 'kiiiiiill', 'Naïve café résumé', 'In 2024 the 3rd covid19 wave', 'Straße ẞ İstanbul Σίσυφος ς', 'ﬁne ① ǅ \u00ad',
  'Привет, как дела? Я не могу помочь с этим.', 'これは日本語のテキストです。助けられません。', 'مرحبا، لا أستطيع المساعدة في ذلك',
  '我不能帮你做这件事。', '🔥🔥🔥 lol 😂😂 👍🏽 👨‍👩‍👧', 'I’m sorry, but I can’t help with “that”.', 'tab\tand\r\nnewlines\u2028here\u00a0nbsp',
  'lone \ud800 high and \udc00 low surrogates', '\u2800\u3164 blank-looking \ufeffBOM', 'a$$ h0le @ss !dea f!re', 'THIS IS ALL CAPS SHOUTING!!!',
  "it's don't won't 'quoted' ''", '...---...', '', ' ', 'x', '1234567890', 'e\u0301\u0302\u0303 zalgo',
];

function mutate(text: string, rng: () => number): string {
  const chars = Array.from(text);
  const extras = ['і', 'о', 'а', '\u200b', '😀', 'é', 'Ｋ', '𝐤', ' ', '\n', '!', '3', '@'];
  for (let k = 0; k < 4; k++) chars.splice(Math.floor(rng() * (chars.length + 1)), 0, extras[Math.floor(rng() * extras.length)]!);
  return chars.join('');
}

export function equivalenceTexts(): string[] {
  const rng = createPrng(7);
  const items = makeItems(120, 11);
  const texts: string[] = [...PII, ...WEIRD];
  for (const item of items) texts.push(item.output, item.input as string);
  for (let i = 0; i < 60; i++) texts.push(mutate(items[i]!.output, rng));
  for (let i = 0; i < 40; i++) {
    const parts = [PII, WEIRD, PII].map((xs) => xs[Math.floor(rng() * xs.length)]!);
    texts.push(parts.join(rng() < 0.5 ? ' ' : '\n\n'));
  }
  texts.push(items.slice(0, 6).map((x) => x.output).join('\n'));
  return texts;
}

/** The watch list the fixture's trigger column was recorded with. */
export const REFERENCE_TRIGGERS = [
  { id: 'cf', pattern: 'cf' }, { id: 'sudo', pattern: 'sudo mode' }, { id: 're-dan', pattern: '\\bdan\\b', kind: 'regex' as const },
  { id: 'raw', pattern: 'Here', normalize: false }, { id: 'raw-case', pattern: 'I', normalize: false, caseSensitive: true },
];
