import fs from 'node:fs';

/** Processes and accounts, read from /proc and /etc/passwd: the harness ends only what it can name by pid. */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function userOf(name: string): { uid: number; gid: number; gecos: string; home: string } | null {
  for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name) return { uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '' };
  }
  return null;
}

function pids(): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((p) => p !== process.pid && alive(p));
}

/** Pids whose argv (as /proc shows it, after any process title change) matches. */
export function pidsWhere(match: (argv: string[]) => boolean): number[] {
  return pids().filter((pid) => {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return argv.length > 0 && match(argv);
    } catch {
      return false; // gone
    }
  });
}

export function pidsOfUser(uid: number): number[] {
  return pids().filter((pid) => {
    try {
      const m = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m !== null && Number(m[1]) === uid;
    } catch {
      return false;
    }
  });
}

/** Running (a zombie is not: nobody may reap it here, pid 1 of a container often does not). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function killPids(list: number[], signal: NodeJS.Signals): void {
  for (const pid of list) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Established TCP connections to address:port (IPv4), from /proc/net/tcp. Each
 * loopback connection appears twice there (both ends): only the client's end,
 * whose remote side is the node, is counted. The kernel fills the file in
 * chunks while connections come and go, so one socket can be listed twice:
 * they are counted by their client address, once.
 */
export function tcpConnectionsTo(address: string, port: number): number {
  const hex = address.split('.').map((o) => Number(o).toString(16).padStart(2, '0').toUpperCase()).reverse().join('') + ':' + port.toString(16).padStart(4, '0').toUpperCase();
  const clients = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[2] === hex && f[3] === '01')
    .map((f) => f[1]);
  return new Set(clients).size;
}
