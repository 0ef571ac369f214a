import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parseHealthApi, parseHealthInfo } from './health-parse';

const fixture = (f: string) => fs.readFileSync(`${__dirname}/../../test/fixtures/snapd-lab/${f}`, 'utf8');

describe('parseHealthInfo (`snap info NAME`)', () => {
  it('reads the block of snapd’s own cmd_info_test.go', () => {
    const out = [
      'name:    hello',
      'summary: The GNU Hello snap',
      'health:',
      '  status:   blocked',
      '  message:  please configure the grawflit',
      '  checked:  2019-05-13T16:27:01+01:00',
      '  revision: 1',
      'publisher: Canonical**',
      'license:   BSD-3',
      '',
    ].join('\n');
    expect(parseHealthInfo(out)).toEqual({ status: 'blocked', message: 'please configure the grawflit', code: null });
  });

  it('joins a message word-wrapped at the terminal width, and reads the code', () => {
    const out = [
      'name:    microk8s',
      'summary: Kubernetes for workstations and appliances',
      'health:',
      '  status:  blocked',
      '  message: You must connect account-control docker-privileged dot-kube dot-config-helm',
      '    firewall-control before proceeding',
      '  code:    interfaces',
      'publisher: Canonical**',
      '',
    ].join('\n');
    expect(parseHealthInfo(out)).toEqual({
      status: 'blocked',
      message: 'You must connect account-control docker-privileged dot-kube dot-config-helm firewall-control before proceeding',
      code: 'interfaces',
    });
  });

  it('unquotes a message snapd had to quote (it would not parse as a plain YAML scalar)', () => {
    const out = ['name: x', 'health:', '  status:  error', '  message: "disk: full"', 'publisher: –', ''].join('\n');
    expect(parseHealthInfo(out)?.message).toBe('disk: full');
  });

  it('is null without a health block, and for `snap info --verbose` of a snap that never set one it says unknown', () => {
    expect(parseHealthInfo('name:    hello\nsummary: x\npublisher: –\n')).toBeNull();
    const verbose = fixture('21-snap-info-verbose-microk8s.stdout');
    expect(parseHealthInfo(verbose)).toEqual({ status: 'unknown', message: 'health has not been set', code: null });
  });
});

describe('parseHealthApi (`snap debug api /v2/snaps/NAME`)', () => {
  it('reads result.health, and null when the snap never set one (the lab’s microk8s)', () => {
    const withHealth = JSON.stringify({ type: 'sync', 'status-code': 200, status: 'OK', result: { name: 'microk8s', health: { revision: '7229', timestamp: '2026-12-03T10:00:00Z', status: 'blocked', message: 'You must connect home before proceeding' } } });
    expect(parseHealthApi(withHealth)).toEqual({ status: 'blocked', message: 'You must connect home before proceeding', code: null });
    const labAnswer = fixture('api/85-GET-v2-snaps-microk8s.json');
    expect(parseHealthApi(labAnswer)).toBeNull();
  });

  it('refuses what is not snapd’s answer', () => {
    expect(() => parseHealthApi('error: unknown command "api"')).toThrow(/not JSON/);
    expect(() => parseHealthApi('{"type":"sync"}')).toThrow(/no result/);
  });
});
