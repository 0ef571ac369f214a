import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDenials } from '@/lib/denials/parse';
import { suggestInterfaces } from '@/lib/denials/suggest';
import { demo, readState, tempState, type DemoState } from './helpers';

/**
 * demo/bin/journalctl and demo/bin/dmesg: the simulated kernel log. Lines in
 * the real kernel formats (checked with the dashboard's denial parser and
 * with strict regexes of the real shapes), journalctl's cursor semantics, and
 * a log that follows the state: connecting the plug that grants an access
 * stops new denials of it.
 */

const require = createRequire(import.meta.url);
const kernel = require('../../demo/lib/kernel.js') as {
  buildModel: (state: DemoState) => { kinds: Array<{ id: string; snap: string | null; grants?: string[]; mode: string; render: (c: object) => { type: number; body: string } }> };
};

const T0 = '2026-11-22T15:30:00.000Z';
const at = (iso: string) => ({ DEMO_SNAP_NOW: iso });
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

interface JournalEntry {
  __CURSOR: string;
  __REALTIME_TIMESTAMP: string;
  __MONOTONIC_TIMESTAMP: string;
  __SEQNUM: string;
  _BOOT_ID: string;
  _HOSTNAME: string;
  _TRANSPORT: string;
  SYSLOG_IDENTIFIER: string;
  PRIORITY: string;
  MESSAGE: string;
  _SOURCE_MONOTONIC_TIMESTAMP: string;
  [k: string]: string;
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalEntry);

// the real shapes (shared reference §4.2, test/fixtures/denials, snapd-lab transcript 78)
const APPARMOR_RE =
  /^audit: type=1400 audit\(\d{10}\.\d{3}:\d+\): apparmor="(DENIED|ALLOWED)" operation="(open|capable|create|ptrace|connect)" class="(file|cap|net|ptrace)" profile="[^"]+" (?:name="[^"]+" )?pid=\d+ comm=(?:"[^"]+"|[0-9A-F]+) (?:requested_mask="[a-z]+" denied_mask="[a-z]+" fsuid=\d+ ouid=\d+|capability=\d+ {2}capname="[a-z_]+"|family="[a-z0-9]+" sock_type="[a-z]+" protocol=\d+ requested_mask="create" denied_mask="create"|requested_mask="read" denied_mask="read" peer="[^"]+"|family="unix" sock_type="stream" protocol=0 requested="send receive connect" denied="send receive connect" addr=none peer_addr="@[^"]+" peer="[^"]+")$/;
// umount: the mount point only (test/fixtures/denials/unix-mount.log line 2)
const UMOUNT_RE =
  /^audit: type=1400 audit\(\d{10}\.\d{3}:\d+\): apparmor="(DENIED|ALLOWED)" operation="umount" class="mount" profile="[^"]+" name="\/[^"]+" pid=\d+ comm="[^"]+"$/;
const SECCOMP_RE =
  /^audit: type=1326 audit\(\d{10}\.\d{3}:\d+\): auid=\d+ uid=\d+ gid=\d+ ses=\d+ subj=snap\.[a-z0-9-]+\.[a-z0-9-]+ pid=\d+ comm="[^"]+" exe="\/snap\/[a-z0-9-]+\/[0-9x]+\/[^"]+" sig=0 arch=c000003e syscall=\d+ compat=0 ip=0x[0-9a-f]+ code=0x50000$/;
const isDenial = (msg: string) => /apparmor="(DENIED|ALLOWED)"|^audit: type=1326 /.test(msg);

let state: string;
let all: JournalEntry[];
const jctl = (args: string[], when = T0, env: Record<string, string> = {}) => demo('journalctl', state, args, { ...at(when), ...env });

beforeAll(async () => {
  state = tempState();
  const r = await jctl(['-k', '-o', 'json', '--no-pager', '-q']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  all = jsonLines(r.stdout);
});

describe('journalctl -o json', () => {
  it('prints one valid JSON object per line with the kernel fields', () => {
    expect(all.length).toBeGreaterThan(1500);
    const s = readState(state).kernel as { bootId: string; hostname: string };
    for (const e of all) {
      expect(e._TRANSPORT).toBe('kernel');
      expect(e.SYSLOG_IDENTIFIER).toBe('kernel');
      expect(e.SYSLOG_FACILITY).toBe('0');
      expect(e._BOOT_ID).toBe(s.bootId);
      expect(e._HOSTNAME).toBe(s.hostname);
      expect(e.__REALTIME_TIMESTAMP).toMatch(/^\d{16}$/);
      expect(e.__MONOTONIC_TIMESTAMP).toMatch(/^\d+$/);
      expect(e.PRIORITY).toMatch(/^[0-7]$/);
      expect(typeof e.MESSAGE).toBe('string');
      // s=<seqnum id>;i=<seqnum hex>;b=<boot id>;m=<monotonic hex>;t=<realtime hex>;x=<hash hex>
      const m = /^s=([0-9a-f]{32});i=([0-9a-f]+);b=([0-9a-f]{32});m=([0-9a-f]+);t=([0-9a-f]+);x=([0-9a-f]+)$/.exec(e.__CURSOR);
      expect(m, e.__CURSOR).not.toBeNull();
      expect(Number.parseInt(m![2]!, 16)).toBe(Number(e.__SEQNUM));
      expect(m![3]).toBe(e._BOOT_ID);
      expect(Number.parseInt(m![4]!, 16)).toBe(Number(e.__MONOTONIC_TIMESTAMP));
      expect(Number.parseInt(m![5]!, 16)).toBe(Number(e.__REALTIME_TIMESTAMP));
    }
    // in order, and up to "now"
    for (let i = 1; i < all.length; i++) {
      expect(Number(all[i]!.__SEQNUM)).toBeGreaterThan(Number(all[i - 1]!.__SEQNUM));
      expect(Number(all[i]!.__REALTIME_TIMESTAMP)).toBeGreaterThan(Number(all[i - 1]!.__REALTIME_TIMESTAMP));
    }
    expect(Number(all.at(-1)!.__REALTIME_TIMESTAMP)).toBeLessThanOrEqual(Date.parse(T0) * 1000 + 1000);
    expect(all[0]!.MESSAGE).toMatch(/^Linux version 6\.8\.0-60-generic /);
  });

  it('spreads the denials over the hours before now, about a third of the lines', () => {
    const denials = all.filter((e) => isDenial(e.MESSAGE));
    expect(denials.length / all.length).toBeGreaterThan(0.2);
    expect(denials.length / all.length).toBeLessThan(0.5);
    const first = Number(denials[0]!.__REALTIME_TIMESTAMP) / 1000;
    expect(Date.parse(T0) - first).toBeGreaterThan(7 * 3600_000);
    expect(all.some((e) => /^kauditd_printk_skb: \d+ callbacks suppressed$/.test(e.MESSAGE))).toBe(true);
    expect(all.some((e) => e.MESSAGE.startsWith('[UFW BLOCK] '))).toBe(true);
  });
});

describe('denial lines', () => {
  it('have the exact real kernel shapes', () => {
    for (const e of all.filter((x) => isDenial(x.MESSAGE))) {
      const ok = APPARMOR_RE.test(e.MESSAGE) || UMOUNT_RE.test(e.MESSAGE) || SECCOMP_RE.test(e.MESSAGE);
      expect(ok, e.MESSAGE).toBe(true);
    }
  });

  it('parse with the dashboard denial parser, one denial per line, with the snap', () => {
    const denialLines = all.filter((e) => isDenial(e.MESSAGE));
    const parsed = parseDenials(denialLines.map((e) => JSON.stringify(e)).join('\n'));
    expect(parsed).toHaveLength(denialLines.length);
    for (const d of parsed) {
      expect(d.kind === 'apparmor' || d.kind === 'seccomp').toBe(true);
      // snapd's helpers (snap-confine, snap-update-ns.SNAP) are not the snap itself
      if (!/snap-confine$|^snap-update-ns\./.test(d.profile ?? '')) expect(d.snap, d.raw).toMatch(/^[a-z0-9-]+$/);
    }
    const kinds = new Set(parsed.map((d) => `${d.snap}|${d.operation ?? d.syscall}|${d.action}`));
    // the mix the brief asks for
    expect(parsed.some((d) => d.snap === 'microk8s' && d.path !== null && /^\/proc\/\d+\/mounts$/.test(d.path))).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.capability === 'net_admin')).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.family === 'netlink' && d.sockType === 'raw')).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.syscall === 'sched_setattr')).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.path === '/sys/devices/virtual/dmi/id/product_name')).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.path === '/var/log/syslog')).toBe(true);
    expect(parsed.some((d) => d.snap === 'htop' && d.operation === 'ptrace')).toBe(true);
    expect(parsed.some((d) => d.snap === 'firefox' && d.syscall === 'pkey_alloc')).toBe(true);
    expect(parsed.some((d) => d.snap === 'firefox' && d.comm === 'Socket Thread')).toBe(true); // hex-encoded comm
    expect(parsed.some((d) => d.snap === 'acme-agent' && d.action === 'allowed')).toBe(true); // devmode
    expect(parsed.some((d) => (d.profile ?? '').endsWith('/usr/lib/snapd/snap-confine'))).toBe(true);
    expect(parsed.some((d) => (d.profile ?? '').startsWith('snap-update-ns.'))).toBe(true);
    // a unix socket (multipass.gui calling the X server) and a mount (containerd unmounting a pod's netns)
    expect(parsed.some((d) => d.snap === 'multipass' && d.family === 'unix' && d.unix?.peerAddr === '@/tmp/.X11-unix/X0' && d.peer === 'unconfined')).toBe(true);
    expect(parsed.some((d) => d.snap === 'microk8s' && d.operation === 'umount' && d.mount !== null && /^\/run\/netns\/cni-[0-9a-f-]{36}$/.test(d.path ?? ''))).toBe(true);
    expect(kinds.size).toBeGreaterThan(15);
  });

  it("name the interfaces that lib/denials/suggest.ts finds in snapd's policy", () => {
    for (const kind of kernel.buildModel(readState(state)).kinds) {
      if (kind.snap === null) continue; // snap-confine: no interface is meant to grant it
      const line = `audit: type=${kind.render({ pid: 1234, h: 5, i: 0, mode: kind.mode }).type} audit(1795367211.452:1): ${kind.render({ pid: 1234, h: 5, i: 0, mode: kind.mode }).body}`;
      const [d] = parseDenials(line);
      expect(d, line).toBeDefined();
      const s = suggestInterfaces(d!);
      expect([...(kind.grants ?? [])].sort(), kind.id).toEqual([...s.candidates, ...s.privileged].sort());
    }
  });
});

describe('journalctl selection and cursors', () => {
  it('--after-cursor prints exactly the entries after the cursor, nothing after the last one', async () => {
    const k = Math.floor(all.length / 2);
    const r = await jctl(['-k', '-o', 'json', '--no-pager', '-q', `--after-cursor=${all[k]!.__CURSOR}`]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((e) => e.__CURSOR)).toEqual(all.slice(k + 1).map((e) => e.__CURSOR));
    const last = await jctl(['-k', '-o', 'json', '--no-pager', '-q', '--after-cursor', all.at(-1)!.__CURSOR]);
    expect(last).toEqual({ stdout: '', stderr: '', code: 0 });
    const cursorIncl = await jctl(['-k', '-o', 'json', `--cursor=${all[k]!.__CURSOR}`, '-n', '2']);
    expect(jsonLines(cursorIncl.stdout).map((e) => e.__SEQNUM)).toEqual([all[k]!.__SEQNUM, all[k + 1]!.__SEQNUM]);
  });

  it('new entries keep appearing after the cursor as time passes', async () => {
    const cursor = all.at(-1)!.__CURSOR;
    const later = jsonLines((await jctl(['-k', '-o', 'json', '-q', `--after-cursor=${cursor}`], plus(T0, 10))).stdout);
    expect(later.length).toBeGreaterThan(3);
    expect(later.some((e) => isDenial(e.MESSAGE))).toBe(true);
    expect(Number(later[0]!.__SEQNUM)).toBeGreaterThan(Number(all.at(-1)!.__SEQNUM));
    // and what was printed before does not change
    const again = jsonLines((await jctl(['-k', '-o', 'json', '-q'], plus(T0, 10))).stdout);
    expect(again.slice(0, all.length)).toEqual(all);
  });

  it('DEMO_DENIAL_PERIOD_MS=2000: denials every few seconds instead of every 20 s (live-follow tests)', async () => {
    const since = `--since=@${Date.parse(T0) / 1000}`;
    const minute = (env: Record<string, string>) => jctl(['-k', '-o', 'json', '-q', since], plus(T0, 1), env).then((r) => jsonLines(r.stdout).filter((e) => isDenial(e.MESSAGE)).length);
    const usual = await minute({});
    const fast = await minute({ DEMO_DENIAL_PERIOD_MS: '2000' });
    expect(usual).toBeLessThanOrEqual(12); // at most 3 slots in a minute, a burst each
    expect(fast).toBeGreaterThan(usual);
    expect(fast).toBeGreaterThanOrEqual(10); // about 30 slots, some inactive
  });

  it('-n N prints the last N entries; --lines=N too', async () => {
    expect(jsonLines((await jctl(['-k', '-o', 'json', '-n', '5'])).stdout)).toEqual(all.slice(-5));
    expect(jsonLines((await jctl(['-k', '-o', 'json', '--lines=3'])).stdout)).toEqual(all.slice(-3));
    expect(jsonLines((await jctl(['-k', '-ojson', '-n7'])).stdout)).toEqual(all.slice(-7));
  });

  it('--since takes "YYYY-MM-DD HH:MM:SS", -1h and @EPOCH', async () => {
    const since = (ms: number) => all.filter((e) => Number(e.__REALTIME_TIMESTAMP) >= ms * 1000);
    const oneHour = Date.parse(T0) - 3600_000;
    expect(jsonLines((await jctl(['-k', '-o', 'json', '--since=-1h'])).stdout)).toEqual(since(oneHour));
    expect(jsonLines((await jctl(['-k', '-o', 'json', '--since', '2026-11-22 14:30:00'])).stdout)).toEqual(since(oneHour));
    expect(jsonLines((await jctl(['-k', '-o', 'json', '-S', `@${oneHour / 1000}`])).stdout)).toEqual(since(oneHour));
    expect(jsonLines((await jctl(['-k', '-o', 'json', '--since=-1h', '--until=-30min'])).stdout)).toEqual(
      since(oneHour).filter((e) => Number(e.__REALTIME_TIMESTAMP) <= (Date.parse(T0) - 1800_000) * 1000),
    );
    // --since with -n: the first N from that time
    expect(jsonLines((await jctl(['-k', '-o', 'json', '--since=-1h', '-n', '2'])).stdout)).toEqual(since(oneHour).slice(0, 2));
  });

  it('rejects what journalctl rejects, with its messages', async () => {
    expect(await jctl(['-k', '--since=-1h', `--after-cursor=${all[3]!.__CURSOR}`])).toEqual({
      stdout: '',
      stderr: 'Please specify only one of --since=, --cursor=, and --after-cursor=.\n',
      code: 1,
    });
    expect(await jctl(['--since', 'last tuesday'])).toEqual({ stdout: '', stderr: 'Failed to parse timestamp: last tuesday\n', code: 1 });
    expect(await jctl(['--after-cursor=bogus'])).toEqual({ stdout: '', stderr: 'Failed to seek to cursor: Invalid argument\n', code: 1 });
    expect(await jctl(['--bogus'])).toEqual({ stdout: '', stderr: "journalctl: unrecognized option '--bogus'\n", code: 1 });
    expect(await jctl(['-o', 'xml'])).toEqual({ stdout: '', stderr: "Unknown output format 'xml'.\n", code: 1 });
  });
});

describe('journalctl text formats', () => {
  it('short: "Nov 22 15:29:41 host kernel: <message>"; short-iso with +0000; --show-cursor at the end', async () => {
    const short = await jctl(['-k', '--no-pager', '-n', '20']);
    const lines = short.stdout.slice(0, -1).split('\n'); // a firewall line ends with a blank: keep it
    expect(lines).toHaveLength(20);
    lines.forEach((l, i) => {
      expect(l).toMatch(/^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} lab-server kernel: /);
      expect(l.replace(/^.*? kernel: /, '')).toBe(all[all.length - 20 + i]!.MESSAGE);
    });
    const iso = await jctl(['-k', '-o', 'short-iso', '-n', '3', '--show-cursor']);
    const isoLines = iso.stdout.slice(0, -1).split('\n');
    expect(isoLines.slice(0, 3).every((l) => /^2026-11-22T\d{2}:\d{2}:\d{2}\+0000 lab-server kernel: /.test(l))).toBe(true);
    expect(isoLines[3]).toBe(`-- cursor: ${all.at(-1)!.__CURSOR}`);
    const mono = await jctl(['-k', '-o', 'short-monotonic', '-n', '1']);
    expect(mono.stdout).toMatch(/^\[\s*\d+\.\d{6}\] lab-server kernel: /);
  });

  it('no entries: "-- No entries --" unless quiet or json', async () => {
    const last = all.at(-1)!.__CURSOR;
    expect(await jctl(['-k', `--after-cursor=${last}`])).toEqual({ stdout: '-- No entries --\n', stderr: '', code: 0 });
    expect(await jctl(['-k', '-q', `--after-cursor=${last}`])).toEqual({ stdout: '', stderr: '', code: 0 });
    // --show-cursor then repeats the position: a poller keeps its place
    expect(await jctl(['-k', '-q', '--show-cursor', `--after-cursor=${last}`])).toEqual({ stdout: `-- cursor: ${last}\n`, stderr: '', code: 0 });
  });
});

describe('permissions', () => {
  it('DEMO_JOURNAL_DENIED=1: the hint on stderr, and no kernel messages', async () => {
    expect(await jctl(['-k'], T0, { DEMO_JOURNAL_DENIED: '1' })).toEqual({
      stdout: '-- No entries --\n',
      stderr:
        'Hint: You are currently not seeing messages from other users and the system.\n' +
        "      Users in groups 'adm', 'systemd-journal' can see all messages.\n" +
        '      Pass -q to turn off this notice.\n',
      code: 0,
    });
    expect(await jctl(['-k', '-o', 'json', '--no-pager', '-q'], T0, { DEMO_JOURNAL_DENIED: '1' })).toEqual({ stdout: '', stderr: '', code: 0 });
    const none = await jctl(['-k', '-q'], T0, { DEMO_JOURNAL_DENIED: 'nofiles' });
    expect(none).toEqual({ stdout: '', stderr: 'No journal files were opened due to insufficient permissions.\n', code: 1 });
  });

  it('dmesg is refused like with kernel.dmesg_restrict=1', async () => {
    expect(await demo('dmesg', state, [], { ...at(T0), DEMO_DMESG_DENIED: '1' })).toEqual({ stdout: '', stderr: 'dmesg: read kernel buffer failed: Operation not permitted\n', code: 1 });
  });
});

describe('dmesg', () => {
  it('prints the newest kernel lines with [uptime] stamps, as much as fits the ring buffer', async () => {
    const r = await demo('dmesg', state, [], at(T0));
    expect(r.code).toBe(0);
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThan(500);
    expect(lines.length).toBeLessThan(all.length); // 256 KiB: the boot messages are gone
    const tail = all.slice(-lines.length);
    lines.forEach((l, i) => {
      const m = /^\[ *(\d+)\.(\d{6})\] (.*)$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(m![3]).toBe(tail[i]!.MESSAGE);
      expect(Number(m![1]) * 1e6 + Number(m![2])).toBe(Number(tail[i]!._SOURCE_MONOTONIC_TIMESTAMP));
    });
    const big = await demo('dmesg', state, [], { ...at(T0), DEMO_DMESG_BUFFER_BYTES: '100000000' });
    expect(big.stdout.split('\n')[0]).toMatch(/^\[ {4}0\.000000\] Linux version /);
    expect((await demo('dmesg', state, ['-T'], at(T0))).stdout).toMatch(/^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} 2026\] /);
  });
});

describe('the log follows the connections', () => {
  it('connecting microk8s:mount-observe stops new /proc/PID/mounts denials, and nothing printed before changes', async () => {
    const s = tempState();
    const before = await demo('journalctl', s, ['-k', '-o', 'json', '-q'], at(T0));
    const mounts = (e: JournalEntry) => /profile="snap\.microk8s\.[^"]+" name="\/proc\/\d+\/mounts"/.test(e.MESSAGE);
    const netAdmin = (e: JournalEntry) => /profile="snap\.microk8s\.[^"]+" .*capname="net_admin"/.test(e.MESSAGE);
    expect(jsonLines(before.stdout).filter(mounts).length).toBeGreaterThan(5);

    expect(await demo('snap', s, ['connect', 'microk8s:mount-observe'], at(T0))).toEqual({ stdout: '', stderr: '', code: 0 });
    const after = jsonLines((await demo('journalctl', s, ['-k', '-o', 'json', '-q'], at(plus(T0, 180)))).stdout);
    const cut = Date.parse(T0) * 1000;
    expect(after.slice(0, jsonLines(before.stdout).length)).toEqual(jsonLines(before.stdout));
    const late = after.filter((e) => Number(e.__REALTIME_TIMESTAMP) > cut);
    expect(late.filter(mounts)).toEqual([]);
    expect(late.filter(netAdmin).length).toBeGreaterThan(3); // network-control is still not connected
    // snapd regenerated the snap's profiles
    expect(late.some((e) => /apparmor="STATUS" operation="profile_replace" profile="unconfined" name="snap\.microk8s\.daemon-kubelite"/.test(e.MESSAGE))).toBe(true);

    // and disconnecting brings them back
    expect((await demo('snap', s, ['disconnect', 'microk8s:mount-observe'], at(plus(T0, 180)))).code).toBe(0);
    const again = jsonLines((await demo('journalctl', s, ['-k', '-o', 'json', '-q', '--since', plus(T0, 181).replace('T', ' ').slice(0, 19)], at(plus(T0, 360)))).stdout);
    expect(again.filter(mounts).length).toBeGreaterThan(0);
  });
});

describe('unix socket and mount denials', () => {
  it("multipass.gui is refused the X server while x11 and unity7 are disconnected; connecting x11 stops it", async () => {
    const s = tempState();
    const x11 = (e: JournalEntry) => /profile="snap\.multipass\.gui" .*family="unix" .*peer_addr="@\/tmp\/\.X11-unix\/X0"/.test(e.MESSAGE);
    const before = jsonLines((await demo('journalctl', s, ['-k', '-o', 'json', '-q'], at(T0))).stdout);
    expect(before.filter(x11).length).toBeGreaterThan(5);
    // the administrator disconnected them: snapd remembers them as undesired, `snap connections` shows them unconnected
    const rows = (await demo('snap', s, ['connections', 'multipass'], at(T0))).stdout.split('\n');
    expect(rows).toContainEqual(expect.stringMatching(/^x11 +multipass:x11 +- +- *$/));
    expect(rows).toContainEqual(expect.stringMatching(/^unity7 +multipass:unity7 +- +- *$/));

    expect(await demo('snap', s, ['connect', 'multipass:x11'], at(T0))).toEqual({ stdout: '', stderr: '', code: 0 });
    const after = jsonLines((await demo('journalctl', s, ['-k', '-o', 'json', '-q'], at(plus(T0, 180)))).stdout);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((e) => Number(e.__REALTIME_TIMESTAMP) > Date.parse(T0) * 1000).filter(x11)).toEqual([]);
  });

  it('containerd keeps retrying the umount of the same two pod network namespaces', () => {
    const names = new Set(parseDenials(all.filter((e) => isDenial(e.MESSAGE)).map((e) => JSON.stringify(e)).join('\n')).filter((d) => d.operation === 'umount').map((d) => d.path));
    expect([...names].sort()).toEqual(['/run/netns/cni-6f1d2c3a-94be-4e57-8a0d-2b7c9e41f5d8', '/run/netns/cni-b83e07f4-1c5a-4d92-9f36-70ad5e2c18b4']);
  });
});

describe('determinism', () => {
  it('the same seed gives the same log; another seed another one', async () => {
    const a = await demo('journalctl', tempState(), ['-k', '-o', 'json'], { ...at(T0), DEMO_SEED: '42' });
    const b = await demo('journalctl', tempState(), ['-k', '-o', 'json'], { ...at(T0), DEMO_SEED: '42' });
    const c = await demo('journalctl', tempState(), ['-k', '-o', 'json'], { ...at(T0), DEMO_SEED: '43' });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });
});
