import { describe, expect, it } from 'vitest';
import { isConnectionFailure, remoteFailure, sshArgv, sshControlArgv, sshFailure, type SshTarget } from './ssh-transport';

const target: SshTarget = {
  destination: 'admin@node-2',
  port: 2222,
  identityFile: '/keys/id_ed25519',
  knownHostsFile: '/state/known_hosts',
  controlPath: '/state/ssh/cm-abc',
  connectTimeoutMs: 4_500,
  controlPersistS: 60,
};

function options(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  argv.forEach((a, i) => {
    if (a === '-o') {
      const [k, ...v] = (argv[i + 1] ?? '').split('=');
      out.set(k ?? '', v.join('='));
    }
  });
  return out;
}

describe('sshArgv', () => {
  it('never prompts, checks host keys strictly against one file, shares one connection', () => {
    const argv = sshArgv(target, 'exec snap list');
    const o = options(argv);
    expect(o.get('BatchMode')).toBe('yes');
    expect(o.get('StrictHostKeyChecking')).toBe('yes');
    expect(o.get('UserKnownHostsFile')).toBe('/state/known_hosts');
    expect(o.get('GlobalKnownHostsFile')).toBe('/dev/null');
    expect(o.get('UpdateHostKeys')).toBe('no');
    expect(o.get('ControlMaster')).toBe('auto');
    expect(o.get('ControlPath')).toBe('/state/ssh/cm-abc');
    expect(o.get('ControlPersist')).toBe('60s');
    expect(o.get('ConnectTimeout')).toBe('5'); // rounded up to whole seconds
    expect(o.get('IdentityFile')).toBe('/keys/id_ed25519');
    expect(o.get('IdentitiesOnly')).toBe('yes');
    expect(o.get('ForwardAgent')).toBe('no');
    expect(argv.slice(argv.indexOf('-p'), argv.indexOf('-p') + 2)).toEqual(['-p', '2222']);
    // The destination comes after `--` and the remote command is ONE argument.
    expect(argv.slice(-3)).toEqual(['--', 'admin@node-2', 'exec snap list']);
  });

  it('leaves port, key and config to ssh when they are not given, and passes -F when one is', () => {
    const argv = sshArgv({ ...target, port: undefined, identityFile: undefined }, 'true');
    expect(argv).not.toContain('-p');
    expect(options(argv).has('IdentityFile')).toBe(false);
    expect(argv).not.toContain('-F');
    expect(sshArgv({ ...target, sshConfigFile: '/etc/dashboard/ssh_config' }, 'true').slice(0, 2)).toEqual(['-F', '/etc/dashboard/ssh_config']);
  });

  it('escapes % in paths (ssh would expand it as a token)', () => {
    expect(options(sshArgv({ ...target, controlPath: '/s/100%/cm' }, 'true')).get('ControlPath')).toBe('/s/100%%/cm');
  });

  it('builds ssh -O exit for the same control socket', () => {
    expect(sshControlArgv(target, 'exit')).toEqual(['-o', 'ControlPath=/state/ssh/cm-abc', '-o', 'LogLevel=ERROR', '-p', '2222', '-O', 'exit', '--', 'admin@node-2']);
  });
});

// ssh's own words (OpenSSH 9.2p1), as captured from real failures.
const CHANGED = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
The fingerprint for the ED25519 key sent by the remote host is
SHA256:S72GtCB5bUiy+qYJNgZjFT2WjxWt8Ww1E2/96v8/6XM.
Host key for [127.0.0.2]:2299 has changed and you have requested strict checking.
Host key verification failed.
`;
const UNKNOWN = 'No ED25519 host key is known for [127.0.0.2]:2299 and you have requested strict checking.\r\nHost key verification failed.\r\n';

describe('sshFailure', () => {
  const f = (stderr: string, exitCode: number | null = 255) => sshFailure('node-2 (admin@node-2:2222)', '/state/known_hosts', 'snap list', exitCode, stderr);

  it('tells a changed host key, with the new fingerprint', () => {
    const e = f(CHANGED)!;
    expect(e.code).toBe('host-key-changed');
    expect(e.message).toContain('node-2 (admin@node-2:2222): its SSH host key has changed');
    expect(e.message).toContain('SHA256:S72GtCB5bUiy+qYJNgZjFT2WjxWt8Ww1E2/96v8/6XM');
    expect(e.problem().hint).toMatch(/ssh-keygen -R/);
    expect(isConnectionFailure(e)).toBe(true);
  });

  it('tells an unknown host key', () => {
    const e = f(UNKNOWN)!;
    expect(e.code).toBe('host-key-unknown');
    expect(e.message).toContain('not in /state/known_hosts');
    expect(e.problem().hint).toMatch(/ssh-keyscan/);
  });

  it('tells refused, unresolvable and timed-out connections apart from refused keys', () => {
    expect(f('ssh: connect to host 127.0.0.9 port 2222: Connection refused\r\n')!.code).toBe('unreachable');
    expect(f('ssh: Could not resolve hostname nosuch: Name or service not known\r\n')!.code).toBe('unreachable');
    expect(f('Connection timed out during banner exchange\r\nConnection to 127.0.0.2 port 2222 timed out\r\n')!.code).toBe('unreachable');
    expect(f('kex_exchange_identification: read: Connection reset by peer\r\n')!.code).toBe('unreachable');
    // The node went down in the middle of a command (its sshd killed, the machine rebooted).
    expect(f('Connection to 127.0.0.2 closed by remote host.\r\n')!.code).toBe('unreachable');
    const auth = f('cdnode2@127.0.0.2: Permission denied (publickey).\r\n')!;
    expect(auth.code).toBe('auth-failed');
    expect(auth.problem().hint).toMatch(/authorized_keys/);
  });

  it('names other failures of ssh itself, and leaves a remote command\'s own exit 255 alone', () => {
    expect(f('command-line line 0: Bad configuration option: nosuch\r\n')!.code).toBe('ssh-failed');
    expect(f('')).toBeNull(); // SshHost decides: connection lost, or the command's own 255
    expect(f('error: something the tool said\n')).toBeNull();
    expect(f(UNKNOWN, 1)).toBeNull(); // only exit 255 is ssh's
  });
});

describe('remoteFailure', () => {
  it('tells a missing program on the node', () => {
    const e = remoteFailure('node-2', 'microk8s status', 'microk8s', false, 127, 'sh: 1: exec: microk8s: not found\n')!;
    expect(e.code).toBe('not-installed');
    expect(e.message).toBe('node-2: microk8s is not installed (not found on PATH)');
    expect(remoteFailure('node-2', 'snap connect a:b', 'snap', true, 127, 'sh: 1: exec: sudo: not found\n')!.message).toMatch(/sudo is not installed/);
  });

  it("tells a node without the sudoers rule (sudo mode on, sudo asks for a password)", () => {
    const e = remoteFailure('node-4', 'snap connect a:b', 'snap', true, 1, 'sudo: a password is required\n')!;
    expect(e.code).toBe('sudo-refused');
    expect(e.problem().status).toBe(403);
    expect(e.problem().hint).toMatch(/sudoers line on that node/);
    // Without sudo mode the same words are the tool's own (access-denied is decided elsewhere).
    expect(remoteFailure('node-4', 'snap connect a:b', 'snap', false, 1, 'sudo: a password is required\n')).toBeNull();
    expect(remoteFailure('node-4', 'snap connect a:b', 'snap', true, 1, 'error: snap "x" has no plug named "y"\n')).toBeNull();
  });
});
