import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesData {
  t: number[];
  value: Array<number | null>;
  min?: Array<number | null> | null;
  max?: Array<number | null> | null;
  baseline?: number | null;
  lower?: Array<number | null> | null;
  upper?: Array<number | null> | null;
  changepoints?: number[];
  /** The stored grain read: 60,000 (minutes), 3,600,000 (hourly rollups) or 86,400,000 (daily). */
  resolutionMs?: number;
}

const GRAIN: Record<number, string> = { 60_000: 'minute', 3_600_000: 'hour', 86_400_000: 'day' };

/**
 * One time-series chart: the bucket value, the min/max of the minutes (or hours, or days, for long
 * ranges read from rollups) inside each bucket (faint),
 * the baseline value, the control limits (dashed) and the change points (vertical red lines).
 */
export function Chart(p: { title: string; data: SeriesData; percent?: boolean; height?: number; width?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const d = p.data;
    const xs = d.t.map((ms) => ms / 1000);
    const cols: Array<Array<number | null>> = [xs, d.value];
    const series: uPlot.Series[] = [{}, { label: p.title, stroke: '#1f5fbf', width: 2, spanGaps: false }];
    if (d.min && d.max) {
      cols.push(d.min, d.max);
      const grain = GRAIN[d.resolutionMs ?? 60_000] ?? 'minute';
      series.push({ label: `${grain} min`, stroke: '#9bb7e0', width: 1 }, { label: `${grain} max`, stroke: '#9bb7e0', width: 1 });
    }
    if (d.baseline !== null && d.baseline !== undefined) {
      cols.push(xs.map(() => d.baseline as number));
      series.push({ label: 'baseline', stroke: '#2e7d32', width: 1.5 });
    }
    if (d.lower && d.upper) {
      cols.push(d.lower, d.upper);
      series.push({ label: 'lower limit', stroke: '#b26a00', dash: [6, 4], width: 1 }, { label: 'upper limit', stroke: '#b26a00', dash: [6, 4], width: 1 });
    }
    const cps = (d.changepoints ?? []).map((ms) => ms / 1000);
    const fmt = (v: number | null) => (v === null ? '—' : p.percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(v < 10 ? 3 : 0));
    const plot = new uPlot({
      width: p.width ?? Math.max(320, el.clientWidth || 600), height: p.height ?? 220, series,
      // Rates stay inside [0, 1] with a little padding; left to uPlot, an all-zero series got a
      // symmetric range around 0 and labels like -100%.
      scales: { x: { time: true }, ...(p.percent ? { y: { range: (_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax => rateRange(min, max) } } : {}) },
      axes: [{}, { values: (_u, vals) => vals.map((v) => fmt(v)), size: 60 }],
      legend: { show: true },
      hooks: {
        draw: [(u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#c62828';
          ctx.lineWidth = 2;
          for (const x of cps) {
            const px = u.valToPos(x, 'x', true);
            ctx.beginPath(); ctx.moveTo(px, u.bbox.top); ctx.lineTo(px, u.bbox.top + u.bbox.height); ctx.stroke();
          }
          ctx.restore();
        }],
      },
    }, cols as uPlot.AlignedData, el);
    return () => plot.destroy();
  }, [p.data, p.width, p.height]);
  const pts = p.data.value.filter((v) => v !== null).length;
  return (
    <figure class="chart" data-testid={p.testId} data-points={pts} data-resolution-ms={p.data.resolutionMs}>
      <figcaption>{p.title}{p.data.changepoints?.length ? <span class="cp"> · {p.data.changepoints.length} change point(s)</span> : null}</figcaption>
      <div ref={ref} role="img" aria-label={`${p.title}: ${pts} points`} />
    </figure>
  );
}

/** The y range of a rate chart: the data's span padded by 10% (at least one point), clipped to [0, 1]. */
export function rateRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.max(0, min ?? 0); const hi = Math.min(1, Math.max(lo, max ?? lo));
  const pad = Math.max(0.01, (hi - lo) * 0.1);
  return [Math.max(0, lo - pad), Math.min(1, hi + pad)];
}

/** A tiny inline SVG sparkline (overview rows). */
export function Sparkline(p: { values: number[]; label: string }) {
  const w = 120; const h = 24;
  const max = Math.max(1, ...p.values);
  const pts = p.values.map((v, i) => `${(i / Math.max(1, p.values.length - 1)) * w},${h - (v / max) * h}`).join(' ');
  return <svg width={w} height={h} role="img" aria-label={p.label}><polyline points={pts} fill="none" stroke="#1f5fbf" stroke-width="1.5" /></svg>;
}
