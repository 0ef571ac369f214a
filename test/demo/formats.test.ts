import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lab, snapshotLib } from './helpers';

/** The pieces that make the output exact: Go's tabwriter, go/doc wrapping, snap's time and note formats, snapshot parsing. */

const require = createRequire(import.meta.url);
const tw = require('../../demo/lib/tabwriter.js') as {
  format: (text: string, opts?: { minwidth?: number; padding?: number }) => string;
  table: (rows: string[][], opts?: { minwidth?: number; padding?: number }) => string;
};
const { wrap } = require('../../demo/lib/fill.js') as { wrap: (words: string[], max: number) => number[] };
const tf = require('../../demo/lib/timefmt.js') as { human: (ms: number, now: number) => string; rfc3339: (ms: number) => string };
const render = require('../../demo/lib/render.js') as {
  notes: (snap: Record<string, unknown>) => string;
  fmtChannel: (ch: string | null) => string;
};

describe('Go text/tabwriter port', () => {
  it('pads every tab-terminated cell to its column block and never the last cell', () => {
    expect(tw.table([['ID', 'Status', 'Summary'], ['1', 'Done', 'x']])).toBe('ID   Status  Summary\n1    Done    x\n');
  });

  it('computes widths per block: a line without tabs ends the block', () => {
    const text = 'name:\tnetwork-observe\nsummary:\tallows querying network status\nplugs:\n  - microk8s\n';
    expect(tw.format(text, { minwidth: 2, padding: 1 })).toBe(
      'name:    network-observe\nsummary: allows querying network status\nplugs:\n  - microk8s\n',
    );
  });

  it('pads a tab-terminated cell even when nothing follows it (trailing blanks, like snap info)', () => {
    expect(tw.format('notes:\t\n  private:\tfalse\n', { minwidth: 2, padding: 1 })).toBe('notes:     \n  private: false\n');
  });

  it('counts runes, not bytes', () => {
    expect(tw.table([['a', 'x'], ['latest/stable/…', 'y']])).toBe('a                x\nlatest/stable/…  y\n');
  });
});

describe('go/doc/comment wrap port', () => {
  // src/go/doc/comment/testdata/text8.txt (TextWidth 40), first and last paragraphs
  it('matches Go on its own golden test', () => {
    const para = `If the arguments have version suffixes (like @latest or @v1.0.0), "go install"
builds packages in module-aware mode, ignoring the go.mod file in the current
directory or any parent directory, if there is one. This is useful for
installing executables without affecting the dependencies of the main module.
To eliminate ambiguity about which module versions are used in the build, the
arguments must satisfy the following constraints:`;
    const words = para.split(/\s+/);
    const seq = wrap(words, 40);
    const lines = seq.slice(0, -1).map((s, i) => words.slice(s, seq[i + 1]).join(' '));
    expect(lines).toEqual([
      'If the arguments have version suffixes',
      '(like @latest or @v1.0.0), "go install"',
      'builds packages in module-aware mode,',
      'ignoring the go.mod file in the current',
      'directory or any parent directory,',
      'if there is one. This is useful for',
      'installing executables without affecting',
      'the dependencies of the main module.',
      'To eliminate ambiguity about which',
      'module versions are used in the build,',
      'the arguments must satisfy the following',
      'constraints:',
    ]);
  });
});

describe('snap time and note formats', () => {
  const now = Date.parse('2026-11-22T10:53:00Z');
  it('prints relative times like timeutil.Human', () => {
    expect(tf.human(Date.parse('2026-11-22T10:52:38Z'), now)).toBe('today at 10:52 UTC');
    expect(tf.human(Date.parse('2026-11-21T23:59:00Z'), now)).toBe('yesterday at 23:59 UTC');
    expect(tf.human(Date.parse('2026-11-19T08:00:00Z'), now)).toBe('3 days ago, at 08:00 UTC');
    expect(tf.human(Date.parse('2026-11-23T01:00:00Z'), now)).toBe('tomorrow at 01:00 UTC');
    expect(tf.human(Date.parse('2026-11-25T01:00:00Z'), now)).toBe('in 3 days, at 01:00 UTC');
    expect(tf.rfc3339(Date.parse('2026-11-22T10:52:38.731Z'))).toBe('2026-11-22T10:52:38Z');
  });

  it('builds Notes in snapd order', () => {
    expect(render.notes({ type: 'snapd' })).toBe('snapd');
    expect(render.notes({ type: 'os', status: 'installed' })).toBe('core,disabled');
    expect(render.notes({ confinement: 'devmode' })).toBe('devmode');
    expect(render.notes({ confinement: 'devmode', jailmode: true })).toBe('jailmode');
    expect(render.notes({ confinement: 'classic', trymode: true })).toBe('classic,try');
    expect(render.notes({ health: { status: 'blocked' }, hold: true })).toBe('blocked,held');
    expect(render.notes({ health: { status: 'okay' } })).toBe('-');
  });

  it('shortens branches in Tracking', () => {
    expect(render.fmtChannel(null)).toBe('-');
    expect(render.fmtChannel('latest/stable')).toBe('latest/stable');
    expect(render.fmtChannel('latest/stable/ubuntu-24.04')).toBe('latest/stable/…');
  });
});

describe('stateFromSnapshot', () => {
  it('reads snaps, plugs, slots, connections and content tags from the lab outputs', () => {
    const s = snapshotLib.stateFromSnapshot({
      'snap list': lab('02'),
      'snap connections --all': lab('37'),
      'snap connections system': lab('09'),
      'snap interface --all': lab('11'),
      'snap version': lab('01'),
      'snap debug confinement': lab('17'),
      'snap debug sandbox-features': lab('18'),
    });
    expect(s.snaps.find((x) => x.name === 'lab-devmode')).toMatchObject({ confinement: 'devmode', revision: 'x1', tracking: null, publisher: null });
    expect(s.snaps.find((x) => x.name === 'snapd')).toMatchObject({ type: 'snapd' });
    expect(s.system).toMatchObject({ systemSnap: 'snapd', confinement: 'partial' });
    expect(s.plugs.find((p) => p.snap === 'microk8s' && p.plug === 'configuration')).toEqual({
      snap: 'microk8s', plug: 'configuration', interface: 'content', attrs: { content: 'configuration' },
    });
    expect(s.slots.filter((x) => x.snap === 'snapd')).toHaveLength(142);
    expect(s.connections).toContainEqual({
      plug: { snap: 'microk8s', plug: 'docker-privileged' }, slot: { snap: 'snapd', slot: 'docker-support' }, interface: 'docker-support', manual: true, gadget: false,
    });
    expect(Object.keys(s.interfaces as Record<string, string>)).toHaveLength(177);
  });

  it('parses publishers, tracking and notes of a real Ubuntu host', () => {
    const list = [
      'Name               Version          Rev    Tracking         Publisher   Notes',
      'bare               1.0              5      latest/stable    canonical✓  base',
      'core               16-2.61.4        17200  latest/stable    canonical✓  core,disabled',
      'gtk-common-themes  0.1-81-g442e511  1535   latest/stable/…  canonical✓  -',
      'htop               3.3.0            4352   latest/stable    maxiberta   -',
      'lxd                5.21.1           28463  5.21/stable/…    canonical** held',
      'starry             1.0              3      latest/edge      someone*    jailmode',
      '',
    ].join('\n');
    const [bare, core, gtk, htop, lxd, starry] = snapshotLib.stateFromSnapshot({ 'snap list': list }).snaps;
    expect(bare).toMatchObject({ type: 'base', publisher: { username: 'canonical', validation: 'verified' } });
    expect(core).toMatchObject({ type: 'os', status: 'installed', version: '16-2.61.4' });
    expect(gtk).toMatchObject({ tracking: 'latest/stable/…' });
    expect(htop).toMatchObject({ publisher: { username: 'maxiberta', validation: 'unproven' }, confinement: 'strict' });
    expect(lxd).toMatchObject({ hold: true, publisher: { username: 'canonical', validation: 'verified' } });
    expect(starry).toMatchObject({ jailmode: true, publisher: { username: 'someone', validation: 'starred' } });
  });
});
