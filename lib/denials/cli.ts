import type { DenialReport, DenialGroup } from './report';
import { UNKNOWN_SNAP } from './labels';
import { terminalSafe } from './terminal-safe';

/**
 * Text rendering of a denial report for the terminal (the CLI twin of the
 * Denials page). Every line passes through terminalSafe(): the report quotes
 * the kernel log, which a confined snap partly writes (review F2).
 */

function answerLines(g: DenialGroup): string[] {
  const a = g.answer;
  switch (a.kind) {
    case 'connect':
      return [
        `  → ${a.snap} has the unconnected plug${a.plugs.length > 1 ? 's' : ''} ${a.plugs.map((p) => p.plug).join(', ')} that allow${a.plugs.length > 1 ? '' : 's'} this:`,
        ...a.plugs.map((p) => {
          const notes = [p.maybe ? `attributes not read: allows this only if ${p.maybe}` : null, p.warning ?? null].filter(Boolean);
          return `      sudo snap connect ${a.snap}:${p.plug}${notes.length ? `   # ${notes.join('; ')}` : ''}`;
        }),
        ...(a.unsure ?? []).map((p) => `    (${a.snap}:${p.plug} is connected and might already allow this: attributes not read; it does only if ${p.maybe ?? '?'})`),
        ...(a.boundElsewhere ? [`    (${a.boundElsewhere.plugs.join(', ')} would too, but ${a.boundElsewhere.plugs.length > 1 ? 'are' : 'is'} bound to other apps than ${a.boundElsewhere.app})`] : []),
      ];
    case 'resolved':
      return [`  → resolved: ${a.plugs.map((p) => p.plug).join(', ')} connected at ${a.connectedAt}, no denial since`];
    case 'already-connected':
      return [
        a.timing === 'denied-after'
          ? `  → already connected (${a.plugs.map((p) => p.plug).join(', ')}) and denied after that: the denial comes from something else`
          : `  → connected (${a.plugs.map((p) => p.plug).join(', ')}), but when is not known: if these denials are older than the connection they are resolved, otherwise the denial comes from something else`,
      ];
    case 'interfaces-only':
      return [
        `  → allowed by: ${a.interfaces.join(', ') || '(no ordinary interface)'}${a.privileged.length ? `; also ${a.privileged.join(', ')} (privileged)` : ''}`,
        ...a.advice.map((l) => `      * ${l}`),
        ...(a.hostNote ? [`  (${a.hostNote})`] : []),
      ];
    case 'no-plug':
      if (a.unsure?.length) {
        return [
          `  → ${a.snap} has no plug known to allow this; its connected plug${a.unsure.length > 1 ? 's' : ''} might (attributes not read):`,
          ...a.unsure.map((p) => `      ${a.snap}:${p.plug} allows this only if ${p.maybe ?? '?'}`),
          '    otherwise report it to its publisher:',
          ...a.advice.map((l) => `      * ${l}`),
        ];
      }
      if (a.boundElsewhere) {
        const { app, plugs } = a.boundElsewhere;
        return [`  → ${a.snap} has no plug bound to its app ${app} that allows this (${plugs.join(', ')} ${plugs.length > 1 ? 'are' : 'is'} bound to other apps); report it to its publisher:`, ...a.advice.map((l) => `      * ${l}`)];
      }
      return [`  → ${a.snap} declares no plug that allows this; report it to its publisher:`, ...a.advice.map((l) => `      * ${l}`)];
    case 'snapd-helper':
    case 'unknown-snap':
      return [`  → ${a.explanation}`];
  }
}

export interface FormatOptions {
  /** print each group's latest log line */
  raw?: boolean;
  /** the input's line counts (line-counts.ts), said at the end as the page says them under a pasted log */
  lines?: { lines: number; unrecognised: number };
  /** judged against the interfaces only (a log that may come from elsewhere), not this host's plugs */
  interfacesOnly?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What the report does not show, at its end where a terminal leaves the reader: the lines that were not denials
 * (the page's "N of M lines not recognised as denials") and how the denials were judged.
 */
function footerLines(report: DenialReport, opts: FormatOptions): string[] {
  const out: string[] = [];
  if (opts.lines?.unrecognised) out.push(`${opts.lines.unrecognised} of ${plural(opts.lines.lines, 'line')} not recognised as denials.`);
  if (opts.interfacesOnly && report.groups.length) {
    out.push("Judged as a log from elsewhere: by what the interfaces allow, not by this host's plugs. For this host's own log, --this-host names the plug to connect.");
  }
  return out.length ? ['', ...out] : [];
}

export function formatReport(report: DenialReport, opts: FormatOptions = {}): string {
  const out: string[] = [];
  out.push(`${plural(report.total, 'denial')} in ${plural(report.groups.length, 'group')}${report.dropped ? `; ${report.dropped} dropped by the kernel (kauditd rate limit)` : ''}`);
  const bySnap = new Map<string, DenialGroup[]>();
  for (const g of report.groups) bySnap.set(g.snap ?? UNKNOWN_SNAP, [...(bySnap.get(g.snap ?? UNKNOWN_SNAP) ?? []), g]);
  for (const [snap, groups] of bySnap) {
    out.push('', `== ${snap} ==`);
    for (const g of groups) {
      const allowed = g.suggestion.candidates.length ? `  (allowed by: ${g.suggestion.candidates.join(', ')})` : '';
      out.push(`${g.count}× ${g.kind} ${g.what}${g.action === 'allowed' ? ' [allowed: devmode]' : ''}${allowed}`);
      if (g.lastSeen) out.push(`  last seen ${g.lastSeen}`);
      out.push(...answerLines(g));
      if (opts.raw) out.push(`  log: ${g.sample.raw}`);
    }
  }
  out.push(...footerLines(report, opts));
  // Lines are built without newlines of their own: any newline left inside one came from the log.
  return out.map(terminalSafe).join('\n') + '\n';
}
