import { describe, expect, it } from 'vitest';
import { parseRefreshList, SnapParseError } from './parse';

// The layout of `snap refresh --list` from snapd's own test (cmd/snapd/cli/cmd_snap_op_test.go,
// "Name +Version +Rev +Size +Publisher +Notes" / "foo +4.2update1 +17 +436MB +bar +-"), padded
// as snap's tabWriter (minwidth 5, tabwidth 3, padding 2) prints it when piped.
describe('parseRefreshList', () => {
  it('reads every row of the store’s refreshes', () => {
    const out = ['Name     Version    Rev   Size   Publisher   Notes', 'foo      4.2update1  17    436MB  bar         -', 'firefox  146.0-1    7423  287MB  mozilla**   -', ''].join('\n');
    expect(parseRefreshList(out)).toEqual([
      { name: 'foo', version: '4.2update1', revision: '17', size: '436MB', publisher: 'bar', verified: false, notes: [] },
      { name: 'firefox', version: '146.0-1', revision: '7423', size: '287MB', publisher: 'mozilla', verified: true, notes: [] },
    ]);
  });

  it('is empty when snap prints nothing on stdout ("All snaps up to date." goes to stderr)', () => {
    expect(parseRefreshList('')).toEqual([]);
  });

  it('refuses output that is not the refresh table (a different header), instead of reporting no updates', () => {
    expect(() => parseRefreshList('Name  Version  Rev  Tracking  Publisher  Notes\nfoo  1  2  latest/stable  bar  -\n')).toThrow(SnapParseError);
  });
});
