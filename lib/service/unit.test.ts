import { describe, expect, it } from 'vitest';
import { checkServiceOptions, defaultServiceOptions, sudoersDropIn, systemdUnit } from './unit';

const base = defaultServiceOptions('/usr/bin/node', '/usr/lib/node_modules/confinement-dashboard/bin/confinement-dashboard.mjs');
const directives = (unit: string) => unit.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('['));
// systemd.exec(5): each of these implies NoNewPrivileges=yes for a service with User=, which stops sudo.
const IMPLY_NNP = ['DynamicUser', 'LockPersonality', 'MemoryDenyWriteExecute', 'PrivateDevices', 'ProtectClock', 'ProtectHostname', 'ProtectKernelLogs', 'ProtectKernelModules', 'ProtectKernelTunables', 'RestrictAddressFamilies', 'RestrictNamespaces', 'RestrictRealtime', 'RestrictSUIDSGID', 'SystemCallArchitectures', 'SystemCallFilter', 'SystemCallLog'];

describe('systemdUnit', () => {
  it('in sudo mode sets nothing that implies NoNewPrivileges, and keeps only the capabilities sudo needs', () => {
    const d = directives(systemdUnit(base));
    expect(d).toContain('NoNewPrivileges=no');
    expect(d.filter((l) => IMPLY_NNP.includes(l.split('=')[0]!))).toEqual([]);
    expect(d).toContain('CapabilityBoundingSet=CAP_SETUID CAP_SETGID CAP_AUDIT_WRITE');
    for (const l of ['User=confinement-dashboard', 'ProtectSystem=strict', 'ProtectHome=tmpfs', 'PrivateTmp=yes', 'StateDirectory=confinement-dashboard', 'UMask=0077', 'Environment=CONFINEMENT_DASHBOARD_SUDO=1', 'IPAddressDeny=any', 'IPAddressAllow=localhost']) {
      expect(d).toContain(l);
    }
    expect(d).toContain('ExecStart=/usr/bin/node /usr/lib/node_modules/confinement-dashboard/bin/confinement-dashboard.mjs serve');
  });

  it('without sudo mode adds the settings sudo rules out, and drops every capability', () => {
    const d = directives(systemdUnit({ ...base, sudo: false }));
    expect(d).toContain('NoNewPrivileges=yes');
    expect(d).toContain('CapabilityBoundingSet=');
    for (const s of ['SystemCallFilter', 'RestrictAddressFamilies', 'RestrictSUIDSGID', 'ProtectKernelTunables']) expect(d.some((l) => l.startsWith(`${s}=`)), s).toBe(true);
    expect(d).toContain('Environment=CONFINEMENT_DASHBOARD_SUDO=0');
  });

  it('filters IP traffic to loopback only when bound to loopback', () => {
    expect(directives(systemdUnit({ ...base, bind: '0.0.0.0' })).some((l) => l.startsWith('IPAddress'))).toBe(false);
    expect(directives(systemdUnit({ ...base, bind: '::1' }))).toContain('IPAddressDeny=any');
  });

  it("widens the loopback filter by exactly the fleet's nodes, and refuses what is not an address or prefix", () => {
    const d = directives(systemdUnit({ ...base, sshNodes: ['10.0.4.0/24', '192.168.1.7', 'fd00::/8'] }));
    expect(d).toContain('IPAddressDeny=any');
    expect(d).toContain('IPAddressAllow=localhost 10.0.4.0/24 192.168.1.7 fd00::/8');
    expect(checkServiceOptions({ ...base, sshNodes: ['10.0.4.0/24', '::1', '2001:db8::1/64'] })).toEqual([]);
    for (const bad of ['node-2.example', '10.0.4.0/33', '300.1.1.1', '10.0.0.1/8/1', 'fd00::/129', '1.2.3.4 any', '']) {
      expect(checkServiceOptions({ ...base, sshNodes: [bad] }), bad).toEqual([expect.stringMatching(/^SSH node .*: an IPv4 or IPv6 address/)]);
    }
  });
});

describe('sudoersDropIn', () => {
  it('allows exactly snap connect and snap disconnect, as root, for the service user', () => {
    const rules = sudoersDropIn(base).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rules).toEqual(['confinement-dashboard ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *']);
  });
});

describe('checkServiceOptions', () => {
  it('accepts the defaults and refuses what could smuggle lines or options into the files', () => {
    expect(checkServiceOptions(base)).toEqual([]);
    expect(checkServiceOptions({ ...base, user: 'root ALL=(ALL) ALL' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, node: '/usr/bin/node\nExecStartPre=/bin/sh' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, snap: 'snap' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, cli: '/opt/my app/cli.mjs' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, port: 70000 })).toHaveLength(1);
    // Paths the unit's ProtectHome=/PrivateTmp= would hide from the service.
    expect(checkServiceOptions({ ...base, node: '/root/.nvm/versions/node/v20.19.0/bin/node' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, cli: '/tmp/x/bin/confinement-dashboard.mjs' })).toHaveLength(1);
    expect(checkServiceOptions({ ...base, bind: '127.0.0.1\nUser=root' })).toHaveLength(1);
  });
});
