import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernLogHost } from '../support/kern-log-host';

// GET /api/denials?order=noisiest&limit=N keeps the N groups with the most denials, not the N most recent
// re-sorted (review problem 19). The kernel log is /var/log/kern.log of the simulated host (journal refused).
const { kernLog } = kernLogHost('cd-order-');

const route = await import('@/app/api/denials/route');
const { denialsKey } = await import('@/lib/contracts/denials');
type Denials = import('@/lib/contracts/denials').DenialsResponse;

let serial = 1;
const line = (epoch: number, snap: string, file: string) =>
  `Dec  3 00:00:00 demo-host kernel: audit: type=1400 audit(${epoch}.000:${serial++}): apparmor="DENIED" operation="open" class="file" profile="snap.${snap}.${snap}" name="${file}" pid=7 comm="${snap}" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`;

async function get(order: 'recent' | 'noisiest' | null): Promise<Denials> {
  const url = denialsKey(null, { range: 'all', limit: 2, order });
  const res = await route.GET(new Request(`http://127.0.0.1:3000${url}`, { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return (await res.json()) as Denials;
}

describe('GET /api/denials order', () => {
  it('noisiest: the groups with the most denials, even when older than the limit of recent ones', async () => {
    const t0 = 1764720000;
    const lines = [
      ...Array.from({ length: 9 }, (_, i) => line(t0 + i, 'htop', '/proc/1/environ')), // the noisiest, and the oldest
      ...Array.from({ length: 4 }, (_, i) => line(t0 + 100 + i, 'juju', '/etc/shadow')),
      line(t0 + 200, 'firefox', '/dev/video0'),
      line(t0 + 300, 'lxd', '/sys/kernel/x'),
    ];
    fs.writeFileSync(kernLog, `${lines.join('\n')}\n`);
    const recent = await get(null);
    expect(recent.groupsTotal).toBe(4);
    expect(recent.groups.map((g) => g.snap)).toEqual(['lxd', 'firefox']);
    const noisiest = await get('noisiest');
    expect(noisiest.groups.map((g) => [g.snap, g.count])).toEqual([['htop', 9], ['juju', 4]]);
    expect(noisiest.groupsTotal).toBe(4);
  });

  it('refuses an unknown order, clearly', async () => {
    const res = await route.GET(new Request('http://127.0.0.1:3000/api/denials?order=loudest', { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/order/);
  });
});
