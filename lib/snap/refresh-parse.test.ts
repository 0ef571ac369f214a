import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { diffEndpoints, parseSnapYamlEndpoints, revisionChangeKind, revisionOrder, revisionsOf } from './refresh-parse';
import { parseSnapList } from './parse';

describe('revisionChangeKind: the summaries snapd gives changes that install a revision', () => {
  it.each([
    ['Refresh "microk8s" snap', 'refresh'],
    ['Refresh "microk8s" snap from "1.31-strict/stable" channel', 'refresh'],
    ['Refresh snaps "core22", "microk8s"', 'refresh'],
    ['Revert "microk8s" snap', 'revert'],
    ['Install "microk8s" snap from file "/tmp/snapd-lab/fixtures/microk8s.snap"', 'install-file'],
    ['Install "microk8s" snap from file', 'install-file'],
    ['Auto-refresh snap "microk8s"', 'auto-refresh'],
    ['Auto-refresh snaps "core20", "microk8s", "snapd"', 'auto-refresh'],
  ])('%j → %s', (summary, kind) => {
    expect(revisionChangeKind(summary, 'microk8s')).toBe(kind);
  });
  it.each([
    'Refresh "microk8s-other" snap',
    'Install "microk8s" snap', // a store install of a new snap has no previous revision to compare
    'Auto-refresh 4 snaps', // names none
    'Connect microk8s:network-observe to snapd:network-observe',
    'Refresh snaps "core22", "microk8s-x"',
  ])('%j names no revision of microk8s', (summary) => {
    expect(revisionChangeKind(summary, 'microk8s')).toBeNull();
  });
  it('the lab transcript of snap changes: only the install lines of their own snap', () => {
    const text = fs.readFileSync(new URL('../../test/fixtures/snapd-lab/58-snap-changes-abs-time.stdout', import.meta.url), 'utf8');
    const lines = text.split('\n').filter((l) => /"microk8s"/.test(l));
    expect(lines.length).toBe(1);
    expect(revisionChangeKind(lines[0]!.replace(/^.*Z\s+/, ''), 'microk8s')).toBe('install-file');
  });
});

describe('revisionsOf: snap list --all', () => {
  // The lab's `snap list` table (transcript 03) with what `--all` adds after a second local
  // install: the old revision, its Notes "disabled" (cmd/snap/notes.go).
  const listAll = [
    'Name                 Version   Rev  Tracking  Publisher  Notes',
    'core22               20240111  x1   -         -          base',
    'lab-refresh          1.0       x1   -         -          disabled',
    'lab-refresh          2.0       x2   -         -          -',
    'microk8s             v1.28.3   x1   -         -          -',
    '',
  ].join('\n');
  it('the active revision and the disabled one before it', () => {
    const r = revisionsOf(parseSnapList(listAll), 'lab-refresh');
    expect(r?.current.revision).toBe('x2');
    expect(r?.previous?.revision).toBe('x1');
    expect(r?.previous?.version).toBe('1.0');
  });
  it('no older revision kept: no previous', () => {
    expect(revisionsOf(parseSnapList(listAll), 'microk8s')?.previous).toBeNull();
    expect(revisionsOf(parseSnapList(listAll), 'absent')).toBeNull();
  });
  it('orders store and local revisions by number', () => {
    expect(['x2', 'x10', 'x1'].sort((a, b) => revisionOrder(a) - revisionOrder(b))).toEqual(['x1', 'x2', 'x10']);
    expect(revisionOrder('7421')).toBe(7421);
  });
});

describe('parseSnapYamlEndpoints', () => {
  it('declared plugs and slots (null, interface name, attributes) and the ones apps use without declaring', () => {
    const yaml = [
      'name: demo',
      'version: "1"',
      'plugs:',
      '  network: null',
      '  docker-privileged:',
      '    interface: docker-support',
      '    privileged-containers: true',
      '  kubectl-config: personal-files',
      '  configuration:',
      '    interface: content',
      '    content: configuration',
      'slots:',
      '  microk8s:',
      '    interface: content',
      'apps:',
      '  daemon:',
      '    command: bin/d',
      '    plugs: [network, network-bind, home]',
      '    slots: [dbus-svc]',
      'hooks:',
      '  configure:',
      '    plugs: [network-control]',
    ].join('\n');
    const e = parseSnapYamlEndpoints(yaml);
    expect(Object.fromEntries(e.plugs)).toEqual({
      network: 'network',
      'docker-privileged': 'docker-support',
      'kubectl-config': 'personal-files',
      configuration: 'content',
      'network-bind': 'network-bind',
      home: 'home',
      'network-control': 'network-control',
    });
    expect(Object.fromEntries(e.slots)).toEqual({ microk8s: 'content', 'dbus-svc': 'dbus-svc' });
  });
  it('the lab microk8s fixture snap.yaml (build-fixtures.sh) parses', () => {
    const script = fs.readFileSync('test/snapd/harness/lib/build-fixtures.sh', 'utf8');
    const m = /d="\$SRC\/microk8s"\nwrite "\$d\/meta\/snap.yaml" <<'EOF'\n([\s\S]*?)\nEOF/.exec(script);
    expect(m).not.toBeNull();
    const e = parseSnapYamlEndpoints(m![1]!);
    expect(e.plugs.get('docker-privileged')).toBe('docker-support');
    expect(e.plugs.size).toBeGreaterThan(20);
  });
  it('not a snap.yaml: an error', () => {
    expect(() => parseSnapYamlEndpoints('- a\n- b\n')).toThrow(/not a snap.yaml/);
  });
});

describe('diffEndpoints', () => {
  it('added and removed, by name', () => {
    const before = new Map([['network', 'network'], ['home', 'home']]);
    const after = new Map([['network', 'network'], ['mount-observe', 'mount-observe'], ['network-observe', 'network-observe']]);
    expect(diffEndpoints(before, after)).toEqual({
      added: [{ name: 'mount-observe', interface: 'mount-observe' }, { name: 'network-observe', interface: 'network-observe' }],
      removed: [{ name: 'home', interface: 'home' }],
    });
  });
});
