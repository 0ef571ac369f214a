import 'server-only';
import fs from 'node:fs/promises';
import net from 'node:net';
import { HostError } from './errors';

/**
 * One node's shared SSH connection (ControlMaster), as seen from this
 * process: its control directory, whether its socket answers, and who makes
 * it when there is none.
 */
export class SharedConnection {
  /** Set while the first command makes the connection; resolves with its connection failure, if any. */
  private connecting: Promise<HostError | null> | null = null;
  private controlDirReady: Promise<void> | null = null;

  constructor(
    private readonly controlDir: string,
    private readonly controlPath: string,
  ) {}

  /**
   * Without a live connection, the first command makes it and the others
   * wait for it (ssh's ControlMaster=auto would otherwise open one connection
   * per concurrent command). When it fails to connect, those waiting fail
   * with the same error instead of each trying again. Returns the callback
   * the command calls when it ends, with its connection failure or null.
   */
  async turn(command: string, waitMs: number, onTimeout: () => HostError): Promise<(failure: HostError | null) => void> {
    const deadline = Date.now() + waitMs;
    for (let round = 0; round < 3; round++) {
      if (this.connecting) {
        const failure = await raceDeadline(this.connecting, deadline - Date.now(), onTimeout);
        if (failure) {
          throw new HostError({ code: failure.code, command, exitCode: failure.exitCode, message: failure.message, toolMessage: failure.toolMessage, stderr: failure.stderr });
        }
        continue;
      }
      if (await this.live()) return () => undefined;
      if (this.connecting) continue; // another command started connecting while we looked
      let done: (failure: HostError | null) => void = () => undefined;
      const connecting = new Promise<HostError | null>((resolve) => (done = resolve));
      this.connecting = connecting;
      return (failure) => {
        if (this.connecting === connecting) this.connecting = null;
        done(failure);
      };
    }
    return () => undefined; // the connection keeps dropping: let ssh connect on its own
  }

  /** Whether the control socket answers (a socket left by a killed master does not). */
  live(): Promise<boolean> {
    return new Promise((resolve) => {
      const s = net.connect(this.controlPath);
      const done = (live: boolean) => {
        clearTimeout(timer);
        s.destroy();
        resolve(live);
      };
      const timer = setTimeout(() => done(false), 1_000);
      s.once('connect', () => done(true));
      s.once('error', () => done(false));
    });
  }

  ensureControlDir(): Promise<void> {
    this.controlDirReady ??= (async () => {
      const dir = this.controlDir;
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const st = await fs.lstat(dir);
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
        throw new HostError({ code: 'ssh-failed', command: 'ssh', message: `${dir} (the SSH control directory) is not a directory of the dashboard's user` });
      }
      // Anyone who can reach a control socket can run commands on the node as the SSH user.
      if ((st.mode & 0o077) !== 0) await fs.chmod(dir, 0o700);
    })().catch((e: unknown) => {
      this.controlDirReady = null;
      throw e;
    });
    return this.controlDirReady;
  }
}

function raceDeadline<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
