import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult, FileTail, Host, HostBinary, MutationRunner } from '../host';
import { readAttributes, verdictPlugs } from './attrs';
import { parseConnectionsApi } from './attrs-parse';

// A host answering as the lab's snapd 2.57 did (real transcripts), with the microk8s fixture's meta/snap.yaml
// (build-fixtures.sh) at /snap/microk8s/current: what readAttributes does on snapd < 2.64.
const FIX = path.resolve(import.meta.dirname, '../../test/fixtures/snapd-lab');
const SCRIPT = fs.readFileSync(path.resolve(import.meta.dirname, '../../test/snapd/harness/lib/build-fixtures.sh'), 'utf8');
const MICROK8S_YAML = /d="\$SRC\/microk8s"\nwrite "\$d\/meta\/snap.yaml" <<'EOF'\n([\s\S]*?)\nEOF/.exec(SCRIPT)![1]!;
const result = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0, durationMs: 1 });

class Snapd257 implements Host {
  readonly name: string;
  readonly capabilities = { transport: 'local' as const, simulated: false, sudo: false };
  readonly files = new Map<string, string>([['/snap/microk8s/current/meta/snap.yaml', MICROK8S_YAML]]);
  readonly fileReads: string[] = [];
  constructor(readonly id: string) {
    this.name = id;
  }
  async hostname() {
    return this.id;
  }
  async read(bin: HostBinary, args: readonly string[]) {
    if (args[0] === 'version') return result(fs.readFileSync(path.join(FIX, '01-snap-version.stdout'), 'utf8'));
    if (args[0] === 'interface' && args[1] === '--attrs') {
      const file = path.join(FIX, 'attrs/2.57', `iface-attrs-${args[2]}.stdout`);
      if (fs.existsSync(file)) return result(fs.readFileSync(file, 'utf8'));
      return result(`name:    ${args[2]}\nsummary: x\n`); // an interface no lab snap uses
    }
    throw new Error(`unexpected read ${bin} ${args.join(' ')}`);
  }
  run(bin: HostBinary, args: readonly string[]) {
    return this.read(bin, args);
  }
  async mutate<T>(action: (run: MutationRunner) => Promise<T>): Promise<T> {
    void action;
    throw new Error('no changes here');
  }
  invalidateReads() {}
  commandsStarted() {
    return 0;
  }
  async readFileTail(): Promise<FileTail> {
    return { text: '', cursor: '', reset: false };
  }
  async listDir() {
    return [];
  }
  async readSmallFile(file: string) {
    this.fileReads.push(file);
    const text = this.files.get(file);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return text;
  }
  async probeSnapd() {}
  async probePrivilege() {
    return { user: 'root', root: true, sudoRule: null, sudoDetail: null };
  }
  async cgroupOf() {
    return null;
  }
}

// the REST API's answer on the same lab (snapd 2.57, transcript 90): the witness
const rest = parseConnectionsApi(fs.readFileSync(path.join(FIX, 'api/90-GET-v2-connections-snap-microk8s-select-all.json'), 'utf8'));

describe('readAttributes on snapd < 2.64', () => {
  it('completes `snap interface --attrs` from meta/snap.yaml: the lists equal the REST API, each marked, the reading complete', async () => {
    const host = new Snapd257('a');
    const r = await readAttributes(host, { snap: 'microk8s', interfaces: ['personal-files', 'docker-support', 'content'] });
    expect(r).toMatchObject({ source: 'snap-interface', complete: true, snapYaml: true });
    expect(host.fileReads).toEqual(['/snap/microk8s/current/meta/snap.yaml']);
    const dotKube = r.plugs.find((p) => p.name === 'dot-kube')!;
    expect(dotKube).toMatchObject({ attrs: rest.plugs.find((p) => p.name === 'dot-kube')!.attrs, fromSnapYaml: ['write'], attrsKnown: true });
    expect(r.slots.find((s) => s.name === 'microk8s')).toMatchObject({ attrs: rest.slots.find((s) => s.name === 'microk8s')!.attrs, fromSnapYaml: ['source'] });
    expect(r.plugs.find((p) => p.name === 'docker-privileged')).toMatchObject({ attrs: { 'privileged-containers': 'true' }, attrsKnown: true });
    expect(r.plugs.find((p) => p.name === 'docker-privileged')!.fromSnapYaml).toBeUndefined();
  });

  it('an unreadable snap.yaml leaves the lists out and the reading incomplete; verdicts then get no personal-files attributes', async () => {
    const host = new Snapd257('b');
    host.files.clear();
    const r = await readAttributes(host, { snap: 'microk8s', interfaces: ['personal-files'] });
    expect(r).toMatchObject({ source: 'snap-interface', complete: false, snapYaml: false });
    expect(r.plugs.find((p) => p.name === 'dot-kube')).toMatchObject({ attrs: {}, attrsKnown: false });
    const v = (await verdictPlugs(host, ['personal-files', 'docker-support'], [])).attrs;
    expect(v.has('microk8s:dot-kube')).toBe(false); // not read: never passed off as "no paths"
    expect(v.get('microk8s:docker-privileged')).toEqual({ 'privileged-containers': 'true' }); // a scalar snapd prints
  });

  it('one interface whose `snap interface --attrs` fails leaves only its plugs unread: the others still count, and it is named', async () => {
    const host = new Snapd257('d');
    const read = host.read.bind(host);
    host.read = async (bin, args) => {
      // what the host layer does with snapd's `error: no such interface` (reference: exit 1)
      if (args[0] === 'interface' && args[2] === 'personal-files') throw new Error('snap interface --attrs personal-files: exit status 1: error: no such interface');
      return read(bin, args);
    };
    const r = await readAttributes(host, { snap: 'microk8s', interfaces: ['personal-files', 'docker-support', 'content'] });
    expect(r).toMatchObject({ source: 'snap-interface', complete: false, unread: ['personal-files'] });
    expect(r.plugs.some((p) => p.interface === 'personal-files')).toBe(false);
    expect(r.slots.find((s) => s.name === 'microk8s')).toMatchObject({ attrs: rest.slots.find((s) => s.name === 'microk8s')!.attrs });
    const v = (await verdictPlugs(host, ['personal-files', 'docker-support'], [])).attrs;
    expect(v.get('microk8s:docker-privileged')).toEqual({ 'privileged-containers': 'true' });
    expect(v.get('microk8s:docker-unprivileged')).toEqual({ 'privileged-containers': 'false' });
    expect(v.has('microk8s:dot-kube')).toBe(false); // unread: the answer offers it as a maybe (answer-time.test.ts)
  });

  it('a snap.yaml of another snap is not used', async () => {
    const host = new Snapd257('c');
    host.files.set('/snap/microk8s/current/meta/snap.yaml', MICROK8S_YAML.replace(/^name: microk8s$/m, 'name: other'));
    const r = await readAttributes(host, { snap: 'microk8s', interfaces: ['personal-files'] });
    expect(r.complete).toBe(false);
    expect(r.plugs.find((p) => p.name === 'dot-kube')!.attrs).toEqual({});
  });
});

describe('verdictPlugs: the apps each plug is bound to', () => {
  it("on snapd < 2.64, from the named snaps' meta/snap.yaml, equal to what the REST API reports (lab transcript 90)", async () => {
    const host = new Snapd257('e');
    const { apps } = await verdictPlugs(host, ['personal-files'], ['microk8s', 'not a snap name']);
    expect(host.fileReads.filter((f) => f.endsWith('snap.yaml'))).toEqual(['/snap/microk8s/current/meta/snap.yaml']); // invalid names never reach the host
    for (const p of rest.plugs.filter((r) => r.snap === 'microk8s')) expect([p.name, apps.get(`microk8s:${p.name}`)]).toEqual([p.name, p.apps]);
    expect(apps.get('microk8s:log-observe')).toEqual(['inspect', 'microk8s']);
  });

  it('a snap whose snap.yaml cannot be read has no apps known (every plug is then taken to reach every app)', async () => {
    const host = new Snapd257('f');
    host.files.clear();
    const { apps } = await verdictPlugs(host, ['personal-files'], ['microk8s']);
    expect(apps.size).toBe(0);
  });
});
