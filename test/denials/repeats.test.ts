/**
 * parseDenials reads a repeated kernel denial once and copies it for each repeat, and finds candidate lines
 * with one search over the whole text (lib/denials/parse.ts, "repeated denials"). Each repeat must still be
 * its own denial: its own time and raw line, objects a caller can change without changing the others, and
 * exactly what a fresh reading of that line gives.
 */
import { describe, expect, it } from 'vitest';
import { parseDenials } from '@/lib/denials/parse';
import { suggestInterfaces } from '@/lib/denials/suggest';

// times: `date -u -d @1796217353` is 2026-12-02T13:15:53Z
const open = (stamp: string, prefix = '2026-12-02T13:15:53+0000 host kernel: ') =>
  `${prefix}audit: type=1400 audit(${stamp}): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-kubelite" name="/etc/kubernetes/admin.conf" pid=4242 comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`;

describe('a denial repeated with only its audit stamp changed', () => {
  const lines = [open('1796217353.817:613'), 'an unrelated line of the kernel log', open('1796217360.5:614'), open('1796217361:615')];
  const ds = parseDenials(lines.join('\n'));

  it('is one denial per line, each with its own time and raw line', () => {
    expect(ds.map((d) => d.time)).toEqual(['2026-12-02T13:15:53.817Z', '2026-12-02T13:16:00.500Z', '2026-12-02T13:16:01.000Z']);
    expect(ds.map((d) => d.raw)).toEqual([lines[0], lines[2], lines[3]]);
  });

  it('is what each line gives when read alone', () => {
    for (const [i, line] of [lines[0], lines[2], lines[3]].entries()) {
      const alone = parseDenials(`${line}\n`); // read again, now a repeat of what was memoised
      expect(ds[i]).toEqual(alone[0]);
      expect(ds[i]).toMatchObject({ kind: 'apparmor', snap: 'microk8s', app: 'daemon-kubelite', path: '/etc/kubernetes/admin.conf', access: ['r'], pid: 4242 });
    }
  });

  it('hands out objects a caller can change without changing the next reading', () => {
    const first = ds[0]!;
    first.access.push('w');
    first.snap = 'changed';
    const again = parseDenials(lines[0]!)[0]!;
    expect(again.access).toEqual(['r']);
    expect(again.snap).toBe('microk8s');
    expect(ds[1]!.access).toEqual(['r']);
  });

  it('gets the same suggestion for each repeat, as copies', () => {
    const a = suggestInterfaces(ds[1]!);
    const b = suggestInterfaces(ds[2]!);
    expect(b).toEqual(a);
    a.candidates.push('changed');
    expect(suggestInterfaces(ds[2]!).candidates).not.toContain('changed');
  });
});

describe('lines the shortcut must not take', () => {
  it('a prefix with key=value pairs is read as a whole line', () => {
    const d = parseDenials(open('1796217353.817:613', 'host=a kernel: '))[0]!;
    expect(d.path).toBe('/etc/kubernetes/admin.conf');
    expect(d.time).toBe('2026-12-02T13:15:53.817Z');
  });

  it('a second audit(…) stamp later in the line gives the time, as before', () => {
    const line = `${open('1796217353.817:613')} msg=audit(1796217999.250:9)`;
    expect(parseDenials(line)[0]!.time).toBe('2026-12-02T13:26:39.250Z');
  });

  it('a CRLF line ending and a line with two of the candidate words give one denial', () => {
    const line = `${open('1796217353.817:613')} info="type=1326"`;
    expect(parseDenials(`${line}\r\n${line}\r\n`)).toHaveLength(2);
    expect(parseDenials(`${line}\r\n`)[0]!.raw).toBe(line);
  });
});
