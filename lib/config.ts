import 'server-only';
import os from 'node:os';
import path from 'node:path';

/**
 * Every setting of the dashboard, read from the environment here and nowhere
 * else, with one rule for on/off values (`flag`). README's "Settings" table
 * documents each of these; keep them in step.
 */
export type HostMode = 'local' | 'demo';

export interface Settings {
  hostMode: HostMode;
  /** Prefix only `snap connect`/`snap disconnect` with `sudo -n`. */
  sudoMode: boolean;
  stateDir: string;
  bindAddress: string;
  port: number;
  /** Extra names accepted in the Host header (DNS-rebinding defence). */
  allowedHosts: string[];
  /** Set when the admin token comes from the environment instead of the state dir. */
  tokenFromEnv: string | null;
  /** Set when the read-only metrics token (GET /metrics only) comes from the environment. */
  metricsTokenFromEnv: string | null;
  production: boolean;
  /** Directory with the simulated host's executables (demo mode). */
  demoBinDir: string;
  demoStateFile: string;
  /** The simulated host's file tree (e.g. MicroK8s addons.yaml), standing in for `/`. */
  demoRoot: string;
  /** The local snapd's socket, probed before reads so an outage shows at once. */
  snapdSocket: string;
  /** A reverse proxy on loopback sets X-Forwarded-For/-Proto, and they are believed. */
  trustProxy: boolean;
  /** Running as root is allowed (not recommended). */
  allowRoot: boolean;
  /** Demo mode: how many simulated hosts (the demo host plus N−1 nodes). */
  demoFleet: number;
  /** The hosts the dashboard looks after besides its own (SSH), `<stateDir>/hosts.yaml`. */
  hostsFile: string;
  /** Where the SSH connection-sharing sockets live (0700). */
  sshControlDir: string;
  /** The only known_hosts file SSH nodes are checked against (never written to). */
  sshKnownHosts: string;
}

/** Bounds what DEMO_FLEET may ask for: a simulated fleet of this size stays usable on a laptop. */
export const MAX_DEMO_FLEET = 200;

/** The one rule for on/off settings: `1`, `true` or `yes` (any case) is on, anything else off. */
export function flag(value: string | undefined): boolean {
  return ['1', 'true', 'yes'].includes((value ?? '').trim().toLowerCase());
}

function defaultStateDir(): string {
  const xdg = process.env.XDG_STATE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'confinement-dashboard');
}

function demoFleetSize(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_DEMO_FLEET) : 1;
}

export function readSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  const hostMode: HostMode = env.CONFINEMENT_DASHBOARD_HOST_MODE === 'demo' ? 'demo' : 'local';
  const stateDir = path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_STATE_DIR || defaultStateDir());
  const port = Number.parseInt(env.PORT ?? '', 10);
  return {
    hostMode,
    sudoMode: flag(env.CONFINEMENT_DASHBOARD_SUDO),
    stateDir,
    bindAddress: env.CONFINEMENT_DASHBOARD_BIND || '127.0.0.1',
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    allowedHosts: (env.CONFINEMENT_DASHBOARD_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    tokenFromEnv: env.CONFINEMENT_DASHBOARD_TOKEN || null,
    metricsTokenFromEnv: env.CONFINEMENT_DASHBOARD_METRICS_TOKEN || null,
    production: env.NODE_ENV === 'production',
    demoBinDir: path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_BIN || path.join(process.cwd(), 'demo', 'bin')),
    demoRoot: path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_ROOT || path.join(process.cwd(), 'demo', 'host-root')),
    snapdSocket: env.CONFINEMENT_DASHBOARD_SNAPD_SOCKET || '/run/snapd.socket',
    trustProxy: flag(env.CONFINEMENT_DASHBOARD_TRUST_PROXY),
    allowRoot: flag(env.CONFINEMENT_DASHBOARD_ALLOW_ROOT),
    demoFleet: demoFleetSize(env.DEMO_FLEET),
    hostsFile: path.join(stateDir, 'hosts.yaml'),
    sshControlDir: path.join(stateDir, 'ssh'),
    sshKnownHosts: path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_SSH_KNOWN_HOSTS || path.join(os.homedir(), '.ssh', 'known_hosts')),
    demoStateFile: path.resolve(
      /*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_STATE || path.join(stateDir, 'demo-host', 'state.json'),
    ),
  };
}

let cached: Settings | null = null;
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}

/** Forgets the settings read so far (tests that change the environment). */
export function resetSettings(): void {
  cached = null;
}
