import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { kernLogHost } from '../support/kern-log-host';
import { afterAll, describe, expect, it, vi } from 'vitest';

// GET /api/denials/follow (live follow, like snappy-debug's scanlog) on the simulated host, its kernel
// log read from /var/log/kern.log (the journal refused), so each test writes the exact lines it follows.
const { kernLog: KERN_LOG } = kernLogHost('cd-follow-');
afterAll(() => vi.useRealTimers());

const route = await import('@/app/api/denials/follow/route');
const hostRoute = await import('@/app/api/hosts/[host]/denials/follow/route');
const { currentHost } = await import('@/lib/host');
const { denialFollowKey } = await import('@/lib/contracts/denials');
type Follow = import('@/lib/contracts/denials').DenialFollowResponse;

const headers = (auth = true) => ({ host: '127.0.0.1:3000', ...(auth ? { authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } : {}) });
const ctx = { params: Promise.resolve({}) };

/** The server reads a host's log at most every 2 s (polls share a read): each follow step is 3 s later. */
let clock = Date.now();
function later(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 3_000;
  vi.setSystemTime(clock);
}

/** The URL as the page's hook builds it (the contract's denialFollowKey). */
async function follow(query: { snap?: string; kind?: 'apparmor' | 'seccomp'; after?: string } = {}, soon = false): Promise<Follow> {
  if (!soon) later();
  const url = denialFollowKey(null, { snap: query.snap, kind: query.kind }, query.after);
  const res = await route.GET(new Request(`http://127.0.0.1:3000${url}`, { headers: headers() }), ctx);
  expect(res.status).toBe(200);
  return (await res.json()) as Follow;
}

let serial = 100;
/** A kernel line as rsyslog writes kern.log. */
function kernel(body: string, epoch = 1764720000 + serial): string {
  serial++;
  return `Dec  3 00:00:00 demo-host kernel: audit: type=1400 audit(${epoch}.123:${serial}): ${body}`;
}
const kube = (pid: number) => kernel(`apparmor="DENIED" operation="open" class="file" profile="snap.juju.juju" name="/home/ubuntu/.kube/config" pid=${pid} comm="juju" requested_mask="r" denied_mask="r" fsuid=1000 ouid=1000`);
const environ = (pid: number) => kernel(`apparmor="DENIED" operation="open" class="file" profile="snap.htop.htop" name="/proc/1/environ" pid=${pid} comm="htop" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`);
const seccomp = (pid: number) =>
  `Dec  3 00:00:01 demo-host kernel: audit: type=1326 audit(1764720001.500:${++serial}): auid=1000 uid=1000 gid=1000 ses=2 subj=snap.juju.juju pid=${pid} comm="juju" exe="/snap/juju/1/bin/juju" sig=0 arch=c000003e syscall=272 compat=0 ip=0x7f0 code=0x50000`;
const append = (...lines: string[]) => fs.appendFileSync(KERN_LOG, lines.map((l) => `${l}\n`).join(''));

describe('GET /api/denials/follow', () => {
  it('starts at "now": no denials from before, then each new one in order with its answer', async () => {
    append(environ(1), environ(2));
    const start = await follow();
    expect(start).toMatchObject({ restarted: false, events: [], groups: [], missed: 0, dropped: 0, source: 'kern.log' });
    expect(start.cursor).toMatch(/^[0-9a-f-]{36}\.\d+\.\d+$/);

    append(kube(10), environ(11), kube(12));
    const next = await follow({ after: start.cursor });
    expect(next.events.map((e) => [e.pid, e.comm])).toEqual([[10, 'juju'], [11, 'htop'], [12, 'juju']]);
    expect(next.events.map((e) => e.seq)).toEqual([...next.events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(next.events.map((e) => e.seq)).size).toBe(3);
    const kubeGroup = next.groups.find((g) => g.key === next.events[0]!.group)!;
    expect(kubeGroup).toMatchObject({ snap: 'juju', what: 'read /home/ubuntu/.kube/config', count: 2 });
    // the same answer the Denials page gives: juju's unconnected personal-files plug covers ~/.kube
    expect(kubeGroup.answer).toEqual({ kind: 'connect', snap: 'juju', plugs: [{ plug: 'dot-kubernetes', interface: 'personal-files', paths: ['$HOME/.kube'] }] });
    expect(next.events[1]!.group).toBe(next.groups.find((g) => g.snap === 'htop')!.key);

    // nothing new: nothing again, and the cursor stays where it was
    const idle = await follow({ after: next.cursor });
    expect(idle.events).toEqual([]);
    expect(idle.cursor).toBe(next.cursor);
  });

  it('"now" is now: a follower starting within 2 s of another read gets a fresh one, so nothing older comes as new', async () => {
    const other = await follow();
    append(environ(50));
    const start = await follow({}, true);
    const next = await follow({ after: start.cursor });
    expect(next.events.map((e) => e.pid)).toEqual([]);
    // the other follower, whose cursor came before the line, sees it
    expect((await follow({ after: other.cursor }, true)).events.map((e) => e.pid)).toEqual([50]);
  });

  it('follows one snap or one kind', async () => {
    const start = await follow({ snap: 'juju' });
    append(environ(20), kube(21), seccomp(22));
    const juju = await follow({ snap: 'juju', after: start.cursor });
    expect(juju.events.map((e) => e.pid)).toEqual([21, 22]);
    const onlySeccomp = await follow({ kind: 'seccomp', after: start.cursor });
    expect(onlySeccomp.events.map((e) => e.pid)).toEqual([22]);
    expect(onlySeccomp.groups.map((g) => g.what)).toEqual(['syscall unshare']);
  });

  it('a burst: the newest 200 denials, the rest counted as missed; kernel drops are counted', async () => {
    const start = await follow();
    append('Dec  3 00:00:02 demo-host kernel: kauditd_printk_skb: 7 callbacks suppressed', ...Array.from({ length: 250 }, (_, i) => environ(1000 + i)));
    const burst = await follow({ after: start.cursor });
    expect(burst.events).toHaveLength(200);
    expect(burst.events[0]!.pid).toBe(1050);
    expect(burst.events.at(-1)!.pid).toBe(1249);
    expect(burst.missed).toBe(50);
    expect(burst.dropped).toBe(7);
    expect(burst.groups).toHaveLength(1);
    expect(burst.groups[0]!.count).toBe(200);
  });

  it('a rotated log loses no follower\'s place: the new file\'s denials come next', async () => {
    const start = await follow();
    append(environ(30));
    const before = await follow({ after: start.cursor });
    expect(before.events.map((e) => e.pid)).toEqual([30]);
    fs.renameSync(KERN_LOG, `${KERN_LOG}.1`);
    fs.writeFileSync(KERN_LOG, `${environ(31)}\n`);
    const after = await follow({ after: before.cursor });
    expect(after.events.map((e) => e.pid)).toEqual([31]);
    expect(after.missed).toBe(0);
  });

  it('a cursor of another reading of the log (server restarted) starts again from now, and says so', async () => {
    const stale = await follow({ after: `${randomUUID()}.5.0` });
    expect(stale).toMatchObject({ restarted: true, events: [], missed: 0 });
    append(environ(40));
    const resumed = await follow({ after: stale.cursor });
    expect(resumed.restarted).toBe(false);
    expect(resumed.events.map((e) => e.pid)).toEqual([40]);
  });

  it('the per-host URL is the same handler', async () => {
    later();
    const id = currentHost().id;
    const res = await hostRoute.GET(new Request(`http://127.0.0.1:3000/api/hosts/${id}/denials/follow`, { headers: headers() }), { params: Promise.resolve({ host: id }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Follow).cursor).toMatch(/^[0-9a-f-]{36}\./);
  });

  it('refuses a malformed cursor, a bad snap name and unknown parameters with a clear 400, and needs a login', async () => {
    for (const [query, message] of [
      ['after=abc', /cursor from an earlier answer/],
      ['after=../../etc/passwd', /cursor from an earlier answer/],
      ['snap=Bad_Name!', /invalid snap name/],
      ['since=1h', /since/],
    ] as const) {
      const res = await route.GET(new Request(`http://127.0.0.1:3000/api/denials/follow?${query}`, { headers: headers() }), ctx);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(await res.json()), query).toMatch(message);
    }
    const anonymous = await route.GET(new Request('http://127.0.0.1:3000/api/denials/follow', { headers: headers(false) }), ctx);
    expect(anonymous.status).toBe(401);
  });
});
