import 'server-only';
import net from 'node:net';
import { HostError } from './errors';

/**
 * When snapd is down the `snap` client does not fail: it retries reads for 25
 * to 120 s before printing "cannot communicate with server". A connect to the
 * socket answers at once, so reads ask it first and every page can say
 * "snapd is not reachable" immediately (verified against the real snapd 2.57).
 */
export const SNAPD_SOCKET = '/run/snapd.socket';
const PROBE_TIMEOUT_MS = 2_000;

/** Resolves null when snapd may be there (or it is not ours to judge), else the error to report. */
export function probeSnapdSocket(socketPath: string): Promise<HostError | null> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    const done = (err: HostError | null) => {
      s.destroy();
      clearTimeout(timer);
      resolve(err);
    };
    const timer = setTimeout(() => done(null), PROBE_TIMEOUT_MS); // slow but present: let snap decide
    s.once('connect', () => done(null));
    s.once('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'EACCES' ? null : (e.code ?? e.message);
      if (reason === null) return done(null); // not ours to judge: the snap client reports its own error
      const message = `cannot communicate with server: dial unix ${socketPath}: connect: ${reason}`;
      done(new HostError({ code: 'snapd-unreachable', command: 'snap', message, toolMessage: message }));
    });
  });
}
