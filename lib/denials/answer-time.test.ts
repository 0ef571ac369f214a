import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../snap/parse';
import { parseChanges } from '../snap/changes-parse';
import { adminAnswer, pastedAnswer } from './answer';
import { publisherAdvice } from './publisher-advice';
import { parseDenials } from './parse';
import { suggestInterfaces } from './suggest';
import {
  connectTimesFromAudit,
  connectTimesFromChanges,
  connectTimesFromObservations,
  denialVersusConnect,
  mergeConnectionTimes,
  observe,
  type ConnectionTime,
  type PlugObservation,
} from './connection-times';
import { buildReport } from './report';
import { denial, denialLog, SNAPD_LAB } from '../../test/support/denial-fixtures';
import { formatReport } from './cli';



// juju on the demo host: dot-kubernetes (personal-files, read: $HOME/.kube) not connected, network connected
const JUJU = parseConnections(
  [
    'Interface       Plug                 Slot             Notes',
    'network         juju:network         :network         -',
    'personal-files  juju:dot-kubernetes  -                -',
    'personal-files  juju:dot-aws         -                -',
    'system-backup   juju:backup          -                -',
    '',
  ].join('\n'),
);
const JUJU_CONNECTED = parseConnections(
  [
    'Interface       Plug                 Slot             Notes',
    'network         juju:network         :network         -',
    'personal-files  juju:dot-kubernetes  :personal-files  manual',
    'personal-files  juju:dot-aws         -                -',
    '',
  ].join('\n'),
);
const ATTRS = new Map([
  ['juju:dot-kubernetes', { read: ['$HOME/.kube'] }],
  ['juju:dot-aws', { read: ['$HOME/.aws'] }],
]);
// 2026-12-03T11:27:28.000Z
const kubeRead = (t = '1796297248.000', fsuid = 1000, ouid = 1000) =>
  denial(
    `audit: type=1400 audit(${t}:1): apparmor="DENIED" operation="open" class="file" profile="snap.juju.juju" name="/home/ubuntu/.kube/config" pid=9 comm="juju" requested_mask="r" denied_mask="r" fsuid=${fsuid} ouid=${ouid}`,
  );

// htop's ptrace read: system-observe allows it (suggest.ts PTRACE_READ)
const HTOP = parseConnections('Interface       Plug                 Slot             Notes\nsystem-observe  htop:system-observe  :system-observe  manual\n');
const ptrace = (t: string) => denial(`audit: type=1400 audit(${t}:7): apparmor="DENIED" operation="ptrace" class="ptrace" profile="snap.htop.htop" pid=5 comm="htop" requested_mask="read" denied_mask="read" peer="unconfined"`);
const at = (iso: string, source: ConnectionTime['source'] = 'snapd-change', extra: Partial<ConnectionTime> = {}) => new Map([['htop:system-observe', { at: iso, source, ...extra }]]);

describe('answers judged in time', () => {
  const d = ptrace('1796297248.000'); // 11:27:28Z
  const s = suggestInterfaces(d);

  it('resolved: the plug was connected after the last denial (connectedAt, source, change id)', () => {
    const a = adminAnswer(d, s, HTOP, { connectedAt: at('2026-12-03T11:36:00.000Z', 'snapd-change', { changeId: '131' }), lastSeen: d.time });
    expect(a).toEqual({
      kind: 'resolved',
      snap: 'htop',
      plugs: [{ plug: 'system-observe', interface: 'system-observe' }],
      connectedAt: '2026-12-03T11:36:00.000Z',
      source: 'snapd-change',
      changeId: '131',
    });
  });

  it('already-connected (denied-after): denials continued after the connect', () => {
    const a = adminAnswer(d, s, HTOP, { connectedAt: at('2026-12-03T11:00:00.000Z'), lastSeen: d.time });
    expect(a).toEqual({ kind: 'already-connected', snap: 'htop', plugs: [{ plug: 'system-observe', interface: 'system-observe' }], connectedAt: '2026-12-03T11:00:00.000Z', timing: 'denied-after' });
  });

  it('a denial within the second of a snapd change time counts as before it (times are whole seconds)', () => {
    const a = adminAnswer(d, s, HTOP, { connectedAt: at('2026-12-03T11:27:28.000Z'), lastSeen: '2026-12-03T11:27:28.900Z' });
    expect(a.kind).toBe('resolved');
    const b = adminAnswer(d, s, HTOP, { connectedAt: at('2026-12-03T11:27:28.000Z'), lastSeen: '2026-12-03T11:27:29.200Z' });
    expect(b.kind).toBe('already-connected');
  });

  it('already-connected (unknown): no connect time, or a denial without an absolute time', () => {
    expect(adminAnswer(d, s, HTOP, {})).toMatchObject({ kind: 'already-connected', connectedAt: null, timing: 'unknown' });
    expect(adminAnswer(d, s, HTOP, { connectedAt: at('2026-12-03T11:36:00.000Z'), lastSeen: null })).toMatchObject({ kind: 'already-connected', timing: 'unknown', connectedAt: '2026-12-03T11:36:00.000Z' });
  });

  it('observed connects only bound the time: before the last unconnected sighting, after the first connected one, else unknown', () => {
    const obs = (notBefore: string, by: string) => at(by, 'observed', { notBefore });
    expect(adminAnswer(d, s, HTOP, { connectedAt: obs('2026-12-03T11:30:00.000Z', '2026-12-03T11:30:05.000Z'), lastSeen: d.time }).kind).toBe('resolved');
    expect(adminAnswer(d, s, HTOP, { connectedAt: obs('2026-12-03T11:20:00.000Z', '2026-12-03T11:20:05.000Z'), lastSeen: d.time }).kind).toBe('already-connected');
    expect(adminAnswer(d, s, HTOP, { connectedAt: obs('2026-12-03T11:27:00.000Z', '2026-12-03T11:28:00.000Z'), lastSeen: d.time })).toMatchObject({ kind: 'already-connected', timing: 'unknown' });
  });

  it('withAnswers judges each group by its own last denial', () => {
    const old = ptrace('1796297248.000');
    const report = buildReport([old], 0, { connections: HTOP, connectedAt: at('2026-12-03T11:36:00.000Z'), now: Date.parse('2026-12-03T12:00:00Z') });
    expect(report.groups[0]!.answer).toMatchObject({ kind: 'resolved', connectedAt: '2026-12-03T11:36:00.000Z' });
  });
});

describe('plug attributes: personal-files', () => {
  it('connect: an unconnected personal-files plug whose read path covers ~/.kube/config (not system-backup)', () => {
    const d = kubeRead();
    expect(adminAnswer(d, suggestInterfaces(d), JUJU, { attrs: ATTRS })).toEqual({
      kind: 'connect',
      snap: 'juju',
      plugs: [{ plug: 'dot-kubernetes', interface: 'personal-files', paths: ['$HOME/.kube'] }],
    });
  });

  it('resolved once that plug is connected after the last denial', () => {
    const d = kubeRead();
    const a = adminAnswer(d, suggestInterfaces(d), JUJU_CONNECTED, { attrs: ATTRS, connectedAt: new Map([['juju:dot-kubernetes', { at: '2026-12-03T11:36:00Z', source: 'audit' as const }]]) });
    expect(a).toMatchObject({ kind: 'resolved', plugs: [{ plug: 'dot-kubernetes', paths: ['$HOME/.kube'] }], source: 'audit' });
  });

  it('personal-files rules are owner rules: another user\'s file is not covered', () => {
    const d = kubeRead('1796297248.000', 0, 1000);
    const a = adminAnswer(d, suggestInterfaces(d), JUJU, { attrs: ATTRS });
    expect(a.kind === 'connect' && a.plugs.some((p) => p.plug === 'dot-kubernetes')).toBe(false);
  });

  it('read attributes do not grant a write', () => {
    const w = denial(kubeRead().raw.replaceAll('"r"', '"w"'));
    const aw = adminAnswer(w, suggestInterfaces(w), JUJU, { attrs: ATTRS });
    expect(aw.kind === 'connect' && aw.plugs.some((p) => p.plug === 'dot-kubernetes')).toBe(false);
  });

  const unsure = (plug: string, list = "'read' or 'write' list") => ({
    plug,
    interface: 'personal-files',
    maybe: `its ${list} has $HOME/.kube/config or a folder above it`,
  });

  it('attributes not read: the file plugs are offered as a maybe, ahead of system-backup (high risk), which stays as the fallback', () => {
    const d = kubeRead();
    expect(adminAnswer(d, suggestInterfaces(d), JUJU, {})).toEqual({
      kind: 'connect',
      snap: 'juju',
      plugs: [unsure('dot-aws'), unsure('dot-kubernetes'), { plug: 'backup', interface: 'system-backup', warning: 'system-backup is high risk (read the whole filesystem for backups)' }],
    });
    // dot-kubernetes alone: a maybe, not "only its publisher can fix it"
    const alone = JUJU.filter((r) => r.plug?.name === 'dot-kubernetes');
    expect(adminAnswer(d, suggestInterfaces(d), alone, {})).toEqual({ kind: 'connect', snap: 'juju', plugs: [unsure('dot-kubernetes')] });
    const w = denial(kubeRead().raw.replaceAll('"r"', '"w"'));
    expect(adminAnswer(w, suggestInterfaces(w), alone, {})).toEqual({ kind: 'connect', snap: 'juju', plugs: [unsure('dot-kubernetes', "'write' list")] });
  });

  it('attributes not read: a connected file plug is never resolved or already-connected on a guess', () => {
    const d = kubeRead();
    const a = adminAnswer(d, suggestInterfaces(d), JUJU_CONNECTED.filter((r) => r.plug?.name === 'dot-kubernetes'), {
      connectedAt: new Map([['juju:dot-kubernetes', { at: '2026-12-03T11:36:00Z', source: 'audit' as const }]]),
    });
    expect(a).toMatchObject({ kind: 'no-plug', snap: 'juju', unsure: [unsure('dot-kubernetes')] });
    // beside system-backup, the connected maybe is said: it may already allow it
    const withBackup = [...JUJU_CONNECTED.filter((r) => r.plug?.name === 'dot-kubernetes'), ...JUJU.filter((r) => r.plug?.name === 'backup')];
    expect(adminAnswer(d, suggestInterfaces(d), withBackup, {})).toEqual({
      kind: 'connect',
      snap: 'juju',
      plugs: [{ plug: 'backup', interface: 'system-backup', warning: 'system-backup is high risk (read the whole filesystem for backups)' }],
      unsure: [unsure('dot-kubernetes')],
    });
  });

  it('the CLI says the maybe and what it depends on, never "declares no plug" bare', () => {
    const d = kubeRead();
    const text = (rows: typeof JUJU) => formatReport(buildReport([d], 0, { connections: rows }));
    expect(text(JUJU.filter((r) => r.plug?.name === 'dot-kubernetes'))).toContain(
      "      sudo snap connect juju:dot-kubernetes   # attributes not read: allows this only if its 'read' or 'write' list has $HOME/.kube/config or a folder above it",
    );
    const connected = text(JUJU_CONNECTED.filter((r) => r.plug?.name === 'dot-kubernetes'));
    expect(connected).toContain('  → juju has no plug known to allow this; its connected plug might (attributes not read):');
    expect(connected).toContain("      juju:dot-kubernetes allows this only if its 'read' or 'write' list has $HOME/.kube/config or a folder above it");
  });

  it('attributes not read: no maybe where no personal-files path could help (another user\'s file, a system path, a mapping)', () => {
    const alone = JUJU.filter((r) => r.plug?.name === 'dot-kubernetes');
    for (const d of [kubeRead('1796297248.000', 0, 1000), denial(kubeRead().raw.replace('/home/ubuntu/.kube/config', '/etc/kube/config')), denial(kubeRead().raw.replaceAll('"r"', '"m"'))]) {
      expect(adminAnswer(d, suggestInterfaces(d), alone, {})).toMatchObject({ kind: 'no-plug' });
    }
  });

  it('advice never names system-backup bare: it says what it is and gives the narrow personal-files line first', () => {
    const d = kubeRead();
    const advice = publisherAdvice(suggestInterfaces(d), d);
    expect(advice[0]).toBe("add 'personal-files (read: [$HOME/.kube])' to 'plugs' (the narrow way)");
    expect(advice[1]).toMatch(/^only if that is not enough: add 'system-backup' to 'plugs' — system-backup is high risk/);
    expect(advice.some((l) => l === "add 'system-backup' to 'plugs'")).toBe(false);
  });
});

describe('pasted logs: interfaces-only', () => {
  it('no verdict on this host\'s plugs, only what the interfaces allow and a note of this host\'s state', () => {
    const d = kubeRead();
    const a = pastedAnswer(d, suggestInterfaces(d), JUJU);
    expect(a.kind).toBe('interfaces-only');
    if (a.kind === 'interfaces-only') {
      expect(a.interfaces).toEqual(['system-backup']);
      expect(a.hostNote).toBe('On this host, juju:backup is not connected.');
    }
    const ff = denial('audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.firefox.firefox" name="/dev/video0" pid=1 comm="firefox" requested_mask="wr" denied_mask="wr" fsuid=1000 ouid=0');
    const other = pastedAnswer(ff, suggestInterfaces(ff), null);
    expect(other).toMatchObject({ kind: 'interfaces-only', snap: 'firefox', hostNote: null });
  });

  it('a pasted report never contains connect, resolved or already-connected', () => {
    const text = denialLog('dmesg.log');
    const microk8s = parseConnections(readFileSync(`${SNAPD_LAB}06-snap-connections-microk8s.stdout`, 'utf8'));
    const report = buildReport(parseDenials(text), 0, { connections: microk8s, pasted: true });
    const kinds = new Set(report.groups.map((g) => g.answer.kind));
    expect(report.groups.length).toBeGreaterThan(5);
    for (const k of ['connect', 'resolved', 'already-connected', 'no-plug']) expect(kinds.has(k as never)).toBe(false);
    expect(kinds.has('interfaces-only')).toBe(true);
  });
});

describe('connection times', () => {
  it('from snapd changes (lab transcript 58): the latest Done "Connect a:p to b:s" per plug, Ready time', () => {
    const changes = parseChanges(readFileSync(`${SNAPD_LAB}58-snap-changes-abs-time.stdout`, 'utf8'));
    const times = connectTimesFromChanges(changes);
    // changes 10 and 11 both connect microk8s:network-observe: 11 is the later one
    expect(times.get('microk8s:network-observe')).toEqual({ at: '2026-11-22T10:52:44.000Z', source: 'snapd-change', changeId: '11' });
    expect(times.get('microk8s:docker-privileged')).toMatchObject({ changeId: '15' });
    expect(times.get('microk8s:network')).toMatchObject({ changeId: '19' });
    // disconnects and installs are not connects
    expect(times.has('lab-devmode:microk8s')).toBe(true);
    expect([...times.keys()].every((k) => !k.startsWith(':'))).toBe(true);
  });

  it('from the audit trail: successful interface.connect lines only', () => {
    const times = connectTimesFromAudit([
      { time: '2026-12-03T11:36:00.000Z', action: 'interface.connect', target: 'juju:dot-kubernetes', result: 'ok' },
      { time: '2026-12-03T11:40:00.000Z', action: 'interface.connect', target: 'juju:lxd lxd:lxd', result: 'error' },
      { time: '2026-12-03T11:41:00.000Z', action: 'interface.disconnect', target: 'juju:network', result: 'ok' },
    ]);
    expect([...times.entries()]).toEqual([['juju:dot-kubernetes', { at: '2026-12-03T11:36:00.000Z', source: 'audit' }]]);
  });

  it('observations: unconnected then connected gives the interval; snapd and audit win over them', () => {
    const seen = new Map<string, PlugObservation>();
    observe(seen, new Map([['a:p', false]]), 1000);
    observe(seen, new Map([['a:p', true]]), 5000);
    observe(seen, new Map([['a:p', true]]), 9000);
    const obs = connectTimesFromObservations(seen);
    expect(obs.get('a:p')).toEqual({ at: new Date(5000).toISOString(), source: 'observed', notBefore: new Date(1000).toISOString() });
    const merged = mergeConnectionTimes(new Map(), new Map([['a:p', { at: '2026-01-01T00:00:00.000Z', source: 'audit' as const }]]), obs);
    expect(merged.get('a:p')?.source).toBe('audit');
    // seen connected from the first look: no time
    const fresh = new Map<string, PlugObservation>();
    observe(fresh, new Map([['b:q', true]]), 1000);
    expect(connectTimesFromObservations(fresh).size).toBe(0);
  });

  it('denialVersusConnect: unknown without an absolute time', () => {
    expect(denialVersusConnect(null, { at: '2026-01-01T00:00:00Z', source: 'audit' })).toBe('unknown');
    expect(denialVersusConnect('relative 12.5', { at: '2026-01-01T00:00:00Z', source: 'audit' })).toBe('unknown');
  });
});
