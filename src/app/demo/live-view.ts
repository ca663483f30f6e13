import type { DemoAlert, DemoScore } from '../../core/demo/score.js';
import type { LiveStats } from './demo-stats.js';

const pct = (x: number | null) => (x === null ? '  –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const mmss = (ms: number) => `${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

export interface LiveLine {
  scenarioMs: number;
  phase: string;
  sent: number;
  ratePerS: number;
  window: LiveStats;
  category: string;
  alerts: readonly DemoAlert[];
}

/** One status line: scenario time, phase, traffic, refusal overall and for the watched category, alerts. */
export function renderLiveLine(l: LiveLine): string {
  const bySeverity = ['critical', 'high', 'medium', 'low'].map((s) => [s, l.alerts.filter((a) => a.severity === s).length] as const).filter(([, n]) => n > 0);
  return `${mmss(l.scenarioMs)}  ${l.phase.padEnd(8)}  sent ${String(l.sent).padStart(6)} (${l.ratePerS.toFixed(0)}/s)  `
    + `refusal, harmful ${pct(l.window.harmfulRefusalRate)} (n=${l.window.harmfulN})  ${l.category} ${pct(l.window.categoryRefusalRate)} (n=${l.window.categoryN})  `
    + `alerts ${l.alerts.length}${bySeverity.length ? ` (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`;
}

export function renderScoreTable(score: DemoScore, scenarioMsPerWallMs: number): string {
  const lines = [
    '',
    '| fault | started (scenario) | detected | delay (scenario) | delay (wall) | severity | first alert |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of score.faults) {
    const name = f.fault.kind === 'erosion' ? `refusal erosion in ${f.fault.category}` : 'backdoor trigger';
    lines.push(`| ${name} | ${mmss(f.fault.startsAtMs)} | ${f.detected ? 'yes' : 'NO'} | ${f.delayMs === undefined ? '–' : mmss(f.delayMs)} | `
      + `${f.delayMs === undefined ? '–' : `${(f.delayMs / scenarioMsPerWallMs / 1000).toFixed(1)} s`} | ${f.alert?.severity ?? '–'} | ${f.alert?.explanation ?? '–'} |`);
  }
  lines.push('', `False alarms in the healthy phase: ${score.falseAlarms.length}${score.falseAlarms.map((a) => `\n  - ${a.explanation}`).join('')}`);
  return lines.join('\n');
}
