'use client';
import type { DenialReport } from '@/lib/denials/report';

const COLOURS = ['#6366f1', '#f43f5e', '#f59e0b', '#10b981', '#0ea5e9', '#a855f7', '#84cc16', '#64748b'];

/** Denials over time, stacked per snap: a plain SVG, no chart library needed for bars. */
export function DenialTimeline({ timeline }: { timeline: NonNullable<DenialReport['timeline']> }) {
  const { buckets, start, bucketMs } = timeline;
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
  // dates too: a 24-hour or 7-day range crosses midnight
  const label = (i: number) => new Date(startMs + i * bucketMs).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${W} ${H + 18}`} className="h-auto max-h-56 w-full" role="img" aria-label={`Denials over time per snap, ${buckets} intervals of ${Math.round(bucketMs / 60000)} minutes, at most ${max} in one interval`}>
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
        <line x1={0} x2={W} y1={H} y2={H} className="stroke-slate-300 dark:stroke-slate-700" />
        {/* count scale: the tallest bar's height */}
        <line x1={0} x2={W} y1={4} y2={4} strokeDasharray="4 4" className="stroke-slate-200 dark:stroke-slate-800" />
        <text x={2} y={14} className="fill-slate-500 text-[11px]" data-testid="timeline-max">{max} per {Math.round(bucketMs / 60000)} min</text>
        {[0, Math.floor(buckets / 2)].map((i) => (
          <text key={i} x={i * bw} y={H + 14} textAnchor={i === 0 ? 'start' : 'middle'} className="fill-slate-500 text-[11px]">
            {label(i)}
          </text>
        ))}
        <text x={W} y={H + 14} textAnchor="end" className="fill-slate-500 text-[11px]">now</text>
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-400">
        {rows.map((s, k) => (
          <span key={s.snap} className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: COLOURS[k % COLOURS.length] }} />
            {s.snap}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
