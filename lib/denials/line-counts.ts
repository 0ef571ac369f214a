/**
 * Lines read, and lines that were neither a denial nor a kauditd "callbacks suppressed" note: said, never dropped
 * silently. One count for the page's paste analyser (service.ts analyseLog) and the `denials` CLI, so both say the same
 * "N of M lines not recognised as denials" for the same log.
 */
export function lineCounts(text: string, denials: number): { lines: number; unrecognised: number } {
  let lines = 0;
  let suppressed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    if (/kauditd_printk_skb: \d+ callbacks suppressed/.test(line)) suppressed++;
  }
  return { lines, unrecognised: Math.max(0, lines - denials - suppressed) };
}
