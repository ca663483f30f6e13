/**
 * Error function and complementary error function to full double precision.
 *
 * Formula: erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt, erfc(x) = 1 - erf(x), evaluated with
 * the rational approximations of Sun's fdlibm `s_erf.c` (1993), whose error is below one ulp. For
 * |x| >= 1.25, erfc is computed directly as exp(-x^2 - 0.5625 + R/S) / x with x^2 split in two so
 * that the exponent carries no rounding error, which keeps the relative accuracy in the far tail
 * (erfc(10) = 2.088487583762545e-45) where 1 - erf(x) would be zero.
 *
 * Example: erf(0.5) = 0.5204998778130465, erfc(3) = 2.209049699858544e-05.
 *
 * Reference: Sun Microsystems fdlibm 5.3 `s_erf.c`; agrees with scipy.special.erf/erfc 1.17.
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5] as const;
const QQ = [3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6] as const;
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3] as const;
const QA = [1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2] as const;
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592] as const;
const SA = [1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2] as const;
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2] as const;
const SB = [3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1] as const;

/** Horner evaluation of c[0] + c[1] z + c[2] z^2 + ... */
function poly(c: readonly number[], z: number): number {
  let acc = 0;
  for (let i = c.length - 1; i >= 0; i--) acc = acc * z + (c[i] as number);
  return acc;
}

/** 1 + z * (c[0] + c[1] z + ...), the fdlibm denominators. */
function poly1(c: readonly number[], z: number): number {
  return 1 + z * poly(c, z);
}

const splitView = new Float64Array(1);
const splitWords = new Uint32Array(splitView.buffer);
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** x with the low 32 bits of its mantissa cleared, so x_hi^2 is exact. */
function highPart(x: number): number {
  splitView[0] = x;
  splitWords[LOW_WORD] = 0;
  return splitView[0] as number;
}

/** exp(-x^2 - 0.5625 + R/S) / x for x >= 1.25: the fdlibm tail of erfc. */
function erfcTail(ax: number): number {
  const s = 1 / (ax * ax);
  let r: number;
  let q: number;
  if (ax < 1 / 0.35) {
    r = poly(RA, s);
    q = poly1(SA, s);
  } else {
    r = poly(RB, s);
    q = poly1(SB, s);
  }
  const z = highPart(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q)) / ax;
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / poly1(QQ, z));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const v = ERX + poly(PA, s) / poly1(QA, s);
    return x >= 0 ? v : -v;
  }
  if (ax >= 6) return x >= 0 ? 1 : -1;
  const v = 1 - erfcTail(ax);
  return x >= 0 ? v : -v;
}

/** The complementary error function erfc(x) = 1 - erf(x), accurate in relative terms for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = poly(PP, z) / poly1(QQ, z);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const pq = poly(PA, s) / poly1(QA, s);
    return x >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (ax < 28) {
    if (x < -6) return 2;
    const t = erfcTail(ax);
    return x > 0 ? t : 2 - t;
  }
  return x > 0 ? 0 : 2;
}
