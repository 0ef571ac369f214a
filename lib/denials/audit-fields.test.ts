import { describe, expect, it } from 'vitest';
import { parseDenials } from './parse';
import { denialLog, lineOf, one } from '../../test/support/denial-fixtures';

describe('hex-encoded values', () => {
  it('decodes an unquoted hex name (space in the path)', () => {
    expect(one(lineOf('syslog.log', 17)).path).toBe('/public/Choosing application.png');
    expect(parseDenials(denialLog('constructed.log'))[12]?.path).toBe('/home/user/My Documents/a.txt');
  });

  it('leaves quoted values and odd-length or non-hex bare values alone', () => {
    expect(one('apparmor="DENIED" operation="open" profile="snap.a.b" name="2F7478" denied_mask="r"').path).toBe('2F7478');
    expect(one('apparmor="DENIED" operation="open" profile="snap.a.b" name=2F7 denied_mask="r"').path).toBe('2F7');
  });

  it('decodes hex-encoded comm and profile', () => {
    const d = one('apparmor="DENIED" operation="open" profile=736E61702E666F6F2E626172 name="/x" comm=6D7920617070 denied_mask="r"');
    expect(d).toMatchObject({ profile: 'snap.foo.bar', snap: 'foo', app: 'bar', comm: 'my app' });
  });
});
