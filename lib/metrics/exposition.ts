/**
 * The Prometheus text exposition format (version 0.0.4), written by hand.
 *
 * PURE module. Why not prom-client: its model is long-lived metric objects
 * mutated as events happen, in one process-wide registry. Ours is a snapshot
 * per scrape, built from each host's cached reads, with label sets that come
 * and go with the hosts' snaps; with prom-client every scrape would reset and
 * refill its gauges. What is left to get right is small and fixed by the
 * format: name and label-name syntax, escaping, number spelling, one HELP/TYPE
 * per family with its samples together, no duplicate series. The unit tests
 * pin each rule and `promtool check metrics` checks real output
 * (test/service/promtool.test.ts).
 */

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
// `__` prefixes are reserved for Prometheus itself.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** HELP text: backslash and line feed escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label values: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Go's ParseFloat spellings, which Prometheus reads. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  return `{${names.map((n) => `${n}="${escapeLabelValue(labels[n]!)}"`).join(',')}}`;
}

/**
 * The exposition text of these families, in the order given, each sample once.
 * Throws on what Prometheus would reject (a bad name, a counter below zero, a
 * series twice): that is a bug in the collector, and a scrape that fails
 * loudly beats one that silently loses a series.
 */
export function renderExposition(families: readonly MetricFamily[]): string {
  const out: string[] = [];
  const seenFamilies = new Set<string>();
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new Error(`invalid metric name ${JSON.stringify(f.name)}`);
    if (seenFamilies.has(f.name)) throw new Error(`metric family ${f.name} appears twice`);
    seenFamilies.add(f.name);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    const seenSeries = new Set<string>();
    for (const s of f.samples) {
      for (const name of Object.keys(s.labels)) {
        if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`invalid label name ${JSON.stringify(name)} on ${f.name}`);
      }
      if (f.type === 'counter' && !(s.value >= 0)) throw new Error(`counter ${f.name} has value ${s.value}`);
      const series = `${f.name}${labelText(s.labels)}`;
      if (seenSeries.has(series)) throw new Error(`duplicate series ${series}`);
      seenSeries.add(series);
      out.push(`${series} ${formatValue(s.value)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
