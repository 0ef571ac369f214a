'use client';
import type { DenialReport } from '@/lib/denials/report';
import { useHostZone } from '@/components/ui/host-time';
import { zoneCaption, zonedTime } from '@/lib/time/zone-format';

const COLOURS = ['#6366f1', '#f43f5e', '#f59e0b', '#10b981', '#0ea5e9', '#a855f7', '#84cc16', '#64748b'];

/**
 * An interval as a person says it: "30 min", "3 h", "75 s" (a 1-hour range has 75-second buckets).
 * A range starts on a whole minute, so 24 hours make buckets of 30 min 1 s: within 1 % is "30 min".
 */
function every(ms: number): string {
  const near = (unit: number) => Math.round(ms / unit) >= 1 && Math.abs(ms - Math.round(ms / unit) * unit) <= ms * 0.01;
  if (near(3_600_000)) return `${Math.round(ms / 3_600_000)} h`;
  if (near(60_000)) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** Denials over time, stacked per snap: a plain SVG, no chart library needed for bars. */
export function DenialTimeline({ timeline }: { timeline: NonNullable<DenialReport['timeline']> }) {
  const { buckets, start, bucketMs } = timeline;
  const zone = useHostZone();
  // the noisiest snaps get the colours; the rest share the grey band
  const sum = (c: number[]) => c.reduce((n, v) => n + v, 0);
  const series = [...timeline.series].sort((a, b) => sum(b.counts) - sum(a.counts));
  const shown = series.slice(0, COLOURS.length - 1);
  const others = series.slice(COLOURS.length - 1);
  const rows = others.length
    ? [...shown, { snap: others.length === 1 ? (others[0]?.snap ?? '1 other') : `${others.length} others`, counts: Array.from({ length: buckets }, (_, i) => others.reduce((n, s) => n + (s.counts[i] ?? 0), 0)) }]
    : shown;
  const totals = Array.from({ length: buckets }, (_, i) => rows.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const W = 960;
  const H = 140;
  const bw = W / buckets;
  const startMs = Date.parse(start);
  // dates too: a 24-hour or 7-day range crosses midnight; in the host's zone, as its journalctl prints
  const label = (i: number) => zonedTime(startMs + i * bucketMs, zone, 'axis').text;
  const interval = every(bucketMs);
  return (
    <figure className="relative w-full">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full sm:h-36" role="img" aria-label={`Denials over time per snap, ${buckets} intervals of ${interval}, at most ${max} in one interval`}>
        {totals.map((_, i) => {
          let y = H;
          return rows.map((s, k) => {
            const v = s.counts[i] ?? 0;
            if (!v) return null;
            const h = (v / max) * (H - 4);
            y -= h;
            return (
              <rect key={`${i}-${k}`} x={i * bw + 1} y={y} width={Math.max(bw - 2, 1)} height={h} fill={COLOURS[k % COLOURS.length]}>
                <title>{`${s.snap}: ${v} at ${label(i)}`}</title>
              </rect>
            );
          });
        })}
        <line x1={0} x2={W} y1={H} y2={H} vectorEffect="non-scaling-stroke" className="stroke-slate-300 dark:stroke-slate-700" />
        {/* count scale: the tallest bar's height */}
        <line x1={0} x2={W} y1={4} y2={4} strokeDasharray="4 4" vectorEffect="non-scaling-stroke" className="stroke-slate-200 dark:stroke-slate-800" />
      </svg>
      {/* Labels in HTML, not SVG text: they keep their size when the chart narrows (a phone, 200 % zoom). */}
      <p className="absolute left-1 top-0 rounded bg-white/80 px-1 text-[11px] text-slate-500 dark:bg-slate-900/80 dark:text-slate-400" data-testid="timeline-max">
        {max} per {interval}
      </p>
      <div className="relative mt-0.5 h-4 text-[11px] text-slate-500 dark:text-slate-400">
        {[0, Math.floor(buckets / 2)].map((i) => (
          <span
            key={i}
            className={`absolute top-0 whitespace-nowrap ${i === 0 ? '' : '-translate-x-1/2'}`}
            style={{ left: `${(i / buckets) * 100}%` }}
            data-testid="timeline-tick"
            data-at={new Date(startMs + i * bucketMs).toISOString()}
          >
            {label(i)}
          </span>
        ))}
        <span className="absolute right-0 top-0" data-testid="timeline-now">now</span>
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="timeline-zone">times: {zoneCaption(startMs + buckets * bucketMs, zone)}</span>
        {rows.map((s, k) => (
          <span key={s.snap} className="inline-flex items-center gap-1" data-testid="timeline-legend-item">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: COLOURS[k % COLOURS.length] }} data-testid="timeline-swatch" />
            {s.snap}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
