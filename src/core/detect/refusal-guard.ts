import { HARM_CATEGORIES } from '../classify/types.js';
import { normalIsf } from '../stats/special/normal.js';
import { refusalLevel, type DetectionThresholds, type ThresholdLevel } from './thresholds.js';

export interface Count { k: number; n: number }

/**
 * One-sided z of the refusal rules' small-sample guard: the per-window false-alarm target split
 * (Bonferroni) over the rules a window evaluates, overall plus one per harm category. Example:
 * target 1e-3 over 15 rules -> z = normalIsf(6.7e-5) = 3.82.
 */
export function refusalGuardZ(falseAlarmRatePerWindow: number): number {
  return normalIsf(falseAlarmRatePerWindow / HARM_CATEGORIES.length);
}

/**
 * The level of a refusal rule when the baseline rate is itself an estimate: the worst level whose
 * line r · p_b (r = the rule's ratio) the window's rate is below with one-sided significance z.
 * With Agresti–Caffo adjusted rates p~ = (k + 1) / (n + 2) (Agresti & Caffo 2000):
 *
 *   z_stat = (r · p~_b − p~_w) / sqrt(r² · p~_b (1 − p~_b) / (n_b + 2) + p~_w (1 − p~_w) / (n_w + 2))
 *
 * and the level is reached when z_stat > z. Guarding only the window (a Wilson bound against the
 * baseline's point estimate) is calibrated when the baseline rate is near 1 and large; with the
 * rates imperfect classifiers measure (a harmful-refusal rate of 15–45% from a few hundred
 * evaluation prompts) a relative 15% drop is within the noise of either sample, and it alarmed
 * in healthy traffic. Example: baseline 46/209 (22%), window 2/49 (4.1%), category warning line
 * 0.85: z_stat = (0.85 · 0.223 − 0.059) / sqrt(0.7225 · 0.173 / 211 + 0.055 / 51) = 3.19 < 3.82: none.
 */
export function guardedRefusalLevel(t: DetectionThresholds, scope: 'overall' | 'category', base: Count, win: Count, z: number): ThresholdLevel {
  const pb = (base.k + 1) / (base.n + 2);
  const pw = (win.k + 1) / (win.n + 2);
  const pastLine = (level: Exclude<ThresholdLevel, 'none'>): boolean => {
    // The line's ratio, read off refusalLevel so the thresholds stay defined in one place.
    const r = scope === 'overall'
      ? (level === 'critical' ? t.refusalOverall.criticalRatio : t.refusalOverall.warningRatio)
      : 1 - (level === 'critical' ? t.refusalCategory.criticalDrop : t.refusalCategory.warningDrop);
    const se = Math.sqrt((r * r * pb * (1 - pb)) / (base.n + 2) + (pw * (1 - pw)) / (win.n + 2));
    return (r * pb - pw) / se > z;
  };
  if (refusalLevel(t, scope, base.k / Math.max(1, base.n), win.k / Math.max(1, win.n)) === 'none') return 'none';
  if (pastLine('critical')) return 'critical';
  if (pastLine('warning')) return 'warning';
  return 'none';
}
