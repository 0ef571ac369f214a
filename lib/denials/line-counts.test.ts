import { describe, expect, it } from 'vitest';
import { lineCounts } from './line-counts';

describe('lineCounts (pasted logs)', () => {
  it('counts lines that are neither denials nor kauditd notes; blank lines are not lines', () => {
    const text = ['a denial', '', 'kauditd_printk_skb: 4 callbacks suppressed', 'Nov 20 09:00:00 host kernel: [UFW BLOCK] IN=eth0', 'garbage', '  '].join('\n');
    expect(lineCounts(text, 1)).toEqual({ lines: 4, unrecognised: 2 });
  });
});
