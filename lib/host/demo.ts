import 'server-only';
import path from 'node:path';
import { HostError } from './errors';
import type { CommandResult, FileTail, HostBinary, HostCapabilities, PrivilegeProbe, RunOptions } from './host';
import { LocalHost, type LocalHostOptions } from './local';

export interface DemoHostOptions extends Omit<LocalHostOptions, 'sudo' | 'snapdSocket'> {
  /** The simulated host's executables (`demo/bin`), found before the real ones. */
  binDir: string;
  /** Its state file (snaps, connections, kernel log). */
  stateFile: string;
  /** Its file tree (e.g. MicroK8s's addons.yaml), standing in for `/`. */
  root: string;
  /** The simulated host's own knobs for this node (DEMO_HOSTNAME, DEMO_NODE_VARIANT, DEMO_SEED). */
  env?: Record<string, string>;
  /** false: a node of the simulated fleet that is down; everything it is asked fails as unreachable. */
  reachable?: boolean;
}

/**
 * The simulated host: the same commands as a real one, answered by the demo's
 * own `snap`, `microk8s`, `journalctl`, `dmesg` and `hostname` executables, and
 * files from its own tree. Nothing on the machine changes, so no sudo, and
 * there is no snapd socket to probe or process to attribute.
 */
export class DemoHost extends LocalHost {
  private readonly demo: DemoHostOptions;

  constructor(options: DemoHostOptions) {
    super({ ...options, sudo: false, snapdSocket: '' });
    this.demo = options;
  }

  protected override capabilitiesFor(): HostCapabilities {
    return { transport: 'demo', simulated: true, sudo: false };
  }

  protected override childEnv(): NodeJS.ProcessEnv {
    const env: Record<string, string | undefined> = { ...super.childEnv() };
    env.PATH = `${this.demo.binDir}${path.delimiter}${env.PATH}`;
    env.CONFINEMENT_DASHBOARD_DEMO_STATE = this.demo.stateFile;
    for (const key of Object.keys(process.env)) {
      // The simulated host's own knobs (e.g. DEMO_SCALE, DEMO_SNAP_DENY_MUTATIONS).
      if (key.startsWith('DEMO_')) env[key] = process.env[key];
    }
    Object.assign(env, this.demo.env);
    // The simulated host's zone (its /etc/localtime, as it were): its journalctl, date and
    // timedatectl print local times in it, as a real host's tools do in its own.
    if (env.DEMO_TZ) env.TZ = env.DEMO_TZ;
    return env as NodeJS.ProcessEnv;
  }

  private down(what: string): HostError {
    return new HostError({ code: 'unreachable', command: what, message: `${this.name} is not reachable (a simulated node that is down)` });
  }

  override run(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    if (this.demo.reachable === false) return Promise.reject(this.down(bin));
    return super.run(bin, args, options);
  }

  override readFileTail(file: string, cursor: string | null, maxBytes: number): Promise<FileTail> {
    if (this.demo.reachable === false) return Promise.reject(this.down(`read ${file}`));
    return super.readFileTail(file, cursor, maxBytes);
  }

  override listDir(dir: string): Promise<string[]> {
    if (this.demo.reachable === false) return Promise.reject(this.down(`list ${dir}`));
    return super.listDir(dir);
  }

  override readSmallFile(file: string, maxBytes?: number): Promise<string> {
    if (this.demo.reachable === false) return Promise.reject(this.down(`read ${file}`));
    return super.readSmallFile(file, maxBytes);
  }

  protected override hostPath(file: string): string {
    // Resolved inside the simulated tree: `..` cannot climb out of it.
    return path.join(this.demo.root, path.resolve('/', file));
  }

  protected override async readHostname(): Promise<string> {
    // The simulated machine has its own name (the one its journal carries), not this machine's.
    return (await this.read('hostname', [])).stdout;
  }

  /**
   * The simulated host acts as root, unless DEMO_SNAP_DENY_MUTATIONS makes it a
   * non-root account without sudo mode: the same knob makes its `snap connect`
   * answer `access denied (try with sudo)` (demo/lib/cli.js), so the probe and
   * the commands agree.
   */
  override async probePrivilege(): Promise<PrivilegeProbe> {
    if (this.demo.reachable === false) throw this.down('id -u');
    const deny = /^(1|true|yes)$/.test(this.childEnv().DEMO_SNAP_DENY_MUTATIONS ?? '');
    return deny ? { user: 'dashboard', root: false, sudoRule: null, sudoDetail: null } : { user: 'root', root: true, sudoRule: null, sudoDetail: null };
  }

  override async probeSnapd(): Promise<void> {
    // The simulated snap answers at once whatever happens.
  }

  override async cgroupOf(pid: number): Promise<string | null> {
    // The simulated kernel log's pids belong to no process on this machine (pid ${pid} included).
    void pid;
    return null;
  }
}
