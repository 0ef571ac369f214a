import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '@/test/support/hostile';
import { checkDestination, remoteCommandLine, remoteScript, shellQuote, sshPathOption } from './ssh-quote';

// The node's login shell parses what remoteCommandLine builds. Here the same
// string goes through every POSIX shell on this machine, to a stand-in `snap`
// that prints the argv it received (the fleet suite repeats this through a real sshd).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssh-quote-'));
const canary = path.join(tmp, 'pwned');
const bin = path.join(tmp, 'bin');
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, 'snap'), '#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify({ argv: process.argv.slice(2), lc: process.env.LC_ALL, path: process.env.PATH }));\n', { mode: 0o755 });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HOSTILE = hostileStrings(canary);

const shells = ['/bin/sh', '/usr/bin/dash', '/usr/bin/bash', '/usr/bin/zsh', '/usr/bin/busybox'].filter((s) => fs.existsSync(s));

function viaShell(shell: string, line: string): { argv: string[]; lc: string; path: string } {
  const argv = shell.endsWith('busybox') ? ['sh', '-c', line] : ['-c', line];
  const env = { PATH: `${bin}:/usr/bin:/bin`, LC_ALL: 'de_DE.UTF-8' } as Record<string, string> as NodeJS.ProcessEnv;
  const r = spawnSync(shell, argv, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { argv: string[]; lc: string; path: string };
}

describe('shellQuote', () => {
  it('has shells to prove itself on', () => {
    expect(shells.length).toBeGreaterThanOrEqual(2);
  });

  it.each(shells)('%s receives every hostile argument byte for byte, and runs none of it', (shell) => {
    const out = viaShell(shell, remoteCommandLine('snap', HOSTILE));
    expect(out.argv).toEqual(HOSTILE);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it.each(shells)('%s: random strings of every printable and control character arrive intact', (shell) => {
    // A fixed seed: a failure is reproducible.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pool = [...Array(127).keys()].slice(1).map((c) => String.fromCharCode(c)).concat(['é', '€', '😀']);
    const args = Array.from({ length: 60 }, () => Array.from({ length: Math.floor(rand() * 12) }, () => pool[Math.floor(rand() * pool.length)]).join(''));
    expect(viaShell(shell, remoteCommandLine('snap', args)).argv).toEqual(args);
  });

  it('sets the C locale and appends /snap/bin to the node\'s PATH', () => {
    const out = viaShell('/bin/sh', remoteCommandLine('snap', []));
    expect(out.lc).toBe('C');
    expect(out.path).toBe(`${bin}:/usr/bin:/bin:/snap/bin`);
  });

  it('leaves plain words readable and quotes the rest', () => {
    expect(remoteCommandLine('snap', ['connect', 'microk8s:home', '--no-wait'])).toMatch(/ exec snap connect microk8s:home --no-wait$/);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a=b')).toBe("'a=b'");
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('puts sudo -n -- before the binary in sudo mode', () => {
    expect(remoteCommandLine('snap', ['connect', 'a:b'], true)).toMatch(/ exec sudo -n -- snap connect a:b$/);
  });

  it('passes script arguments as positional parameters, never as script text', () => {
    const line = remoteScript('printf "%s\\0" "$@"', HOSTILE);
    const r = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE);
    expect(fs.existsSync(canary)).toBe(false);
  });
});

describe('ssh option values and destinations', () => {
  it('escapes % and refuses what ssh would split or expand', () => {
    expect(sshPathOption('x', '/state/ssh/cm-%h')).toBe('/state/ssh/cm-%%h');
    for (const bad of ['relative/path', '/with space', '/quote"d', "/quote'd", '/back\\slash', '~/.ssh/known_hosts']) {
      expect(() => sshPathOption('knownHostsFile', bad), bad).toThrow(/absolute path/);
    }
  });

  it('accepts user@host, host, aliases and IPv6; refuses options, URLs and shell text', () => {
    for (const ok of ['admin@node-2', 'node-2', 'node2.example.org', 'cdnode2@127.0.0.2', 'root@::1', 'fleet_alias']) expect(checkDestination(ok)).toBe(ok);
    for (const bad of ['-oProxyCommand=touch /tmp/x', '--', 'ssh://node', 'a b', 'user@host;id', 'host$(id)', '', 'user@', '@host', 'user@-oFoo']) {
      expect(() => checkDestination(bad), bad).toThrow(/not an SSH destination/);
    }
  });
});
