import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatValue, renderExposition, type MetricFamily } from './exposition';

const gauge = (samples: MetricFamily['samples'], name = 'x_gauge'): MetricFamily => ({ name, help: 'A gauge.', type: 'gauge', samples });

describe('renderExposition', () => {
  it('writes HELP, TYPE and each sample with its labels sorted by name', () => {
    const text = renderExposition([
      gauge([{ labels: { snap: 'firefox', host: 'node-1' }, value: 3 }, { labels: { host: 'node-1', snap: 'lxd' }, value: 0 }]),
      { name: 'x_total', help: 'A counter.', type: 'counter', samples: [{ labels: {}, value: 12 }] },
    ]);
    expect(text).toBe(
      [
        '# HELP x_gauge A gauge.',
        '# TYPE x_gauge gauge',
        'x_gauge{host="node-1",snap="firefox"} 3',
        'x_gauge{host="node-1",snap="lxd"} 0',
        '# HELP x_total A counter.',
        '# TYPE x_total counter',
        'x_total 12',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values (backslash, quote, line feed) and HELP text (backslash, line feed)', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = renderExposition([{ name: 'y', help: 'line\none \\ two "quoted"', type: 'gauge', samples: [{ labels: { v: 'say "hi"\\n' }, value: 1 }] }]);
    expect(text).toContain('# HELP y line\\none \\\\ two "quoted"\n');
    expect(text).toContain('y{v="say \\"hi\\"\\\\n"} 1\n');
  });

  it('spells special values as Prometheus reads them', () => {
    expect([NaN, Infinity, -Infinity, 0.25, -3, 1e21].map(formatValue)).toEqual(['NaN', '+Inf', '-Inf', '0.25', '-3', '1e+21']);
  });

  it('writes a family with no samples as HELP and TYPE only, and nothing at all for no families', () => {
    expect(renderExposition([gauge([])])).toBe('# HELP x_gauge A gauge.\n# TYPE x_gauge gauge\n');
    expect(renderExposition([])).toBe('');
  });

  it('refuses what Prometheus would reject', () => {
    expect(() => renderExposition([gauge([], 'bad-name')])).toThrow(/invalid metric name/);
    expect(() => renderExposition([gauge([{ labels: { 'snap-name': 'x' }, value: 1 }])])).toThrow(/invalid label name/);
    expect(() => renderExposition([gauge([{ labels: { __name__: 'x' }, value: 1 }])])).toThrow(/invalid label name/);
    expect(() => renderExposition([gauge([{ labels: { a: '1' }, value: 1 }, { labels: { a: '1' }, value: 2 }])])).toThrow(/duplicate series/);
    expect(() => renderExposition([gauge([]), gauge([])])).toThrow(/appears twice/);
    expect(() => renderExposition([{ name: 'c_total', help: 'c', type: 'counter', samples: [{ labels: {}, value: -1 }] }])).toThrow(/counter/);
  });
});
