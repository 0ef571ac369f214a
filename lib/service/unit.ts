/**
 * The systemd unit and sudoers drop-in that `confinement-dashboard
 * install-service` prints (or writes with --write). PURE: text in, text out;
 * the CLI (cli/install-service.ts) does the writing, and the service suite
 * checks the output with `systemd-analyze verify` and `visudo -c`.
 *
 * Why each hardening line is there, and why some well-known ones are not, is
 * written into the unit itself (an admin reading /etc/systemd/system should not
 * need the README) and in README "Install as a service".
 */

export interface ServiceOptions {
  /** The dedicated system user (and group) the dashboard runs as. */
  user: string;
  /** Absolute path of node. */
  node: string;
  /** Absolute path of bin/confinement-dashboard.mjs. */
  cli: string;
  port: number;
  bind: string;
  stateDir: string;
  /** Absolute path of the host's snap command, as sudo resolves it. */
  snap: string;
  /** Allow snap connect/disconnect through sudo (sudo mode). */
  sudo: boolean;
  /** The fleet's nodes (addresses or CIDR prefixes) the service may reach over SSH. */
  sshNodes: string[];
}

export const SERVICE_NAME = 'confinement-dashboard';
export const UNIT_PATH = `/etc/systemd/system/${SERVICE_NAME}.service`;
export const SUDOERS_PATH = `/etc/sudoers.d/${SERVICE_NAME}`;
export const DEFAULT_STATE_DIR = `/var/lib/${SERVICE_NAME}`;

export function defaultServiceOptions(node: string, cli: string): ServiceOptions {
  return { user: SERVICE_NAME, node, cli, port: 3000, bind: '127.0.0.1', stateDir: DEFAULT_STATE_DIR, snap: '/usr/bin/snap', sudo: true, sshNodes: [] };
}

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const SAFE_PATH = /^\/[A-Za-z0-9._/+-]*$/;

/** Refuses what would not survive being pasted into a unit or a sudoers file. */
export function checkServiceOptions(o: ServiceOptions): string[] {
  const errors: string[] = [];
  if (!USER_NAME.test(o.user)) errors.push(`user ${JSON.stringify(o.user)}: use a system user name (lower case letters, digits, - and _)`);
  for (const [name, p] of [['node', o.node], ['cli', o.cli], ['state directory', o.stateDir], ['snap', o.snap]] as const) {
    if (!SAFE_PATH.test(p) || p.includes('/../') || p.endsWith('/..')) errors.push(`${name} path ${JSON.stringify(p)}: must be absolute, without spaces or special characters`);
  }
  // ProtectHome=tmpfs and PrivateTmp=yes hide these from the service: node or the package there would not start.
  for (const [name, p] of [['node', o.node], ['cli', o.cli]] as const) {
    if (/^\/(home|root|run\/user|tmp|var\/tmp)(\/|$)/.test(p)) errors.push(`${name} path ${p}: the service cannot see /home, /root, /run/user or /tmp; install node and the package system-wide (e.g. npm install -g)`);
  }
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) errors.push(`port ${o.port}: must be 1-65535`);
  if (!/^[0-9A-Za-z.:[\]-]+$/.test(o.bind)) errors.push(`bind address ${JSON.stringify(o.bind)} is not an address`);
  for (const n of o.sshNodes) {
    if (!isAddressPrefix(n)) errors.push(`SSH node ${JSON.stringify(n)}: an IPv4 or IPv6 address, optionally with a /prefix (systemd's IPAddressAllow= takes no host names)`);
  }
  if (o.stateDir !== DEFAULT_STATE_DIR) errors.push(`state directory: the unit uses systemd's StateDirectory=, which is ${DEFAULT_STATE_DIR}`);
  return errors;
}

/** An address or address/prefix as systemd.resource-control(5)'s IPAddressAllow= takes it. */
function isAddressPrefix(value: string): boolean {
  const [addr = '', prefix, ...rest] = value.split('/');
  if (rest.length) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  const ok4 = !!v4 && v4.slice(1).every((o) => Number(o) <= 255);
  const ok6 = !v4 && /^[0-9a-fA-F:]+$/.test(addr) && addr.includes(':') && (addr.match(/::/g)?.length ?? 0) <= 1;
  if (!ok4 && !ok6) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (ok4 ? 32 : 128);
}

function isLoopback(bind: string): boolean {
  return bind === 'localhost' || bind === '::1' || bind === '[::1]' || /^127\./.test(bind);
}

export function systemdUnit(o: ServiceOptions): string {
  const loopback = isLoopback(o.bind);
  return `# ${UNIT_PATH}, written by \`confinement-dashboard install-service\`.
[Unit]
Description=Confinement Dashboard (snap confinement and interface connections)
Documentation=file://${o.cli.replace(/\/bin\/[^/]+$/, '/README.md')}
# After snapd when both start at boot; the dashboard copes with snapd coming and going anyway.
After=network.target snapd.service

[Service]
Type=simple
User=${o.user}
Group=${o.user}
# journalctl -k (the Denials page) needs the journal's group.
SupplementaryGroups=systemd-journal
ExecStart=${o.node} ${o.cli} serve
Environment=NODE_ENV=production
Environment=PORT=${o.port}
Environment=CONFINEMENT_DASHBOARD_BIND=${o.bind}
Environment=CONFINEMENT_DASHBOARD_STATE_DIR=${o.stateDir}
Environment=CONFINEMENT_DASHBOARD_SUDO=${o.sudo ? '1' : '0'}
# /var/lib/${o.stateDir.split('/').pop()}: tokens, session secret, audit log; owned by ${o.user}, 0700.
StateDirectory=${o.stateDir.split('/').pop()}
StateDirectoryMode=0700
UMask=0077
Restart=on-failure
RestartSec=5s
TimeoutStopSec=20s

# --- Hardening, as far as sudo mode allows ---------------------------------
# Sudo mode runs \`sudo -n snap connect|disconnect\`: sudo is setuid root, so the
# service must be able to gain privileges through execve(). That rules out
# NoNewPrivileges=yes and every setting that implies it for a service with
# User= (systemd.exec(5)): SystemCallFilter=, SystemCallArchitectures=,
# RestrictAddressFamilies=, RestrictNamespaces=, RestrictRealtime=,
# RestrictSUIDSGID=, LockPersonality=, MemoryDenyWriteExecute=,
# PrivateDevices=, ProtectClock=, ProtectHostname=, ProtectKernelLogs=,
# ProtectKernelModules=, ProtectKernelTunables=, DynamicUser=. PrivateUsers=
# would make sudo's root a stranger to snapd. Without sudo mode (--no-sudo)
# most of them are added below (not PrivateDevices= and ProtectKernelLogs=:
# they hide /dev/kmsg, and dmesg is the Denials page's last log source).
NoNewPrivileges=${o.sudo ? 'no' : 'yes'}
# The whole file system read-only, except the state directory.
ProtectSystem=strict
# /home, /root and /run/user replaced by empty read-only directories: the
# dashboard reads nothing there, and \`snap\` run as root finds no auth.json
# (it needs none for connect/disconnect).
ProtectHome=tmpfs
PrivateTmp=yes
ProtectControlGroups=yes
# Capabilities the service's processes can ever hold: only what sudo needs to
# become root (setuid/setgid) and to write its audit record. snap talks to
# snapd over its socket and needs none; snapd does the work.
CapabilityBoundingSet=${o.sudo ? 'CAP_SETUID CAP_SETGID CAP_AUDIT_WRITE' : ''}
AmbientCapabilities=
RemoveIPC=yes
KeyringMode=private
# Not ProtectProc=invisible / ProcSubset=pid: the Denials page reads a denied
# process's /proc/PID/cgroup to name its snap.
${loopback ? `# Bound to loopback: nothing but loopback traffic, in or out (a reverse proxy
# on this machine, a local Prometheus)${o.sshNodes.length ? ', and the fleet\'s nodes over SSH (--ssh-nodes)' : '. A fleet over SSH: --ssh-nodes'}.
IPAddressDeny=any
IPAddressAllow=localhost${o.sshNodes.length ? ` ${o.sshNodes.join(' ')}` : ''}
` : `# Not bound to loopback (CONFINEMENT_DASHBOARD_BIND=${o.bind}): no IP filter.
`}${o.sudo ? '' : `SystemCallArchitectures=native
SystemCallFilter=@system-service
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
ProtectClock=yes
ProtectHostname=yes
ProtectKernelModules=yes
ProtectKernelTunables=yes
`}
[Install]
WantedBy=multi-user.target
`;
}

/**
 * The one sudoers line of sudo mode: `user` may run exactly `snap connect` and
 * `snap disconnect` as root, without a password. The README shows it, the
 * drop-in holds it, and a read-only dashboard offers it (lib/snap/privilege.ts).
 */
export function sudoersLine(user: string, snap = '/usr/bin/snap'): string {
  return `${user} ALL=(root) NOPASSWD: ${snap} connect *, ${snap} disconnect *`;
}

/** Only `snap connect` and `snap disconnect`, as root, without a password. */
export function sudoersDropIn(o: ServiceOptions): string {
  return `# ${SUDOERS_PATH}, written by \`confinement-dashboard install-service\`.
# The dashboard's user may run exactly these two commands as root, nothing else.
${sudoersLine(o.user, o.snap)}
`;
}
