/**
 * The interfaces a strictly confined MicroK8s must have connected before its services start.
 *
 * PURE module (no I/O, no server-only).
 *
 * Source: canonical/microk8s, branch 1.31-strict, `microk8s-resources/actions/common/utils.sh`
 * `check_snap_interfaces()` (via /work/shared/reference/snap-reference.md §5.3). When one of these
 * plugs is not connected the snap runs `snapctl set-health blocked "You must connect <list> before
 * proceeding"`, which `snap list` shows as Notes `blocked`. The same 23 names are what
 * `microk8s-resources/connect-all-interfaces.sh` connects. Not required (optional / manual):
 * kernel-module-control, fuse-support, cifs-mount, kernel-crypto-api, docker-unprivileged,
 * configuration, ceph-conf.
 */
export const STRICT_REQUIRED_PLUGS: readonly string[] = Object.freeze([
  'account-control',
  'docker-privileged',
  'dot-kube',
  'dot-config-helm',
  'firewall-control',
  'hardware-observe',
  'home',
  'home-read-all',
  'k8s-journald',
  'k8s-kubelet',
  'k8s-kubeproxy',
  'kernel-module-observe',
  'kubernetes-support',
  'log-observe',
  'login-session-observe',
  'mount-observe',
  'network',
  'network-bind',
  'network-control',
  'network-observe',
  'opengl',
  'process-control',
  'system-observe',
]);

export interface RequiredInterfaceState {
  plug: string;
  /** the plug's interface as `snap connections` reports it; null when the plug is not in the list */
  interface: string | null;
  connected: boolean;
  /** "snap:slot" of the connected slot (the system snap as ":name"); null when not connected */
  slot: string | null;
}

interface ConnectionLike {
  interface: string;
  plug: { snap: string; name: string } | null;
  slot: { snap: string; name: string } | null;
}

// lib/snap/parse.ts names the system snap "system"; snapd prints it as ":name".
const SYSTEM_SNAPS = new Set(['system', 'snapd', 'core', '']);

function slotText(slot: { snap: string; name: string }): string {
  return SYSTEM_SNAPS.has(slot.snap) ? `:${slot.name}` : `${slot.snap}:${slot.name}`;
}

/**
 * The state of each required plug, in STRICT_REQUIRED_PLUGS order, from the parsed output of
 * `snap connections microk8s` (parseConnections in lib/snap/parse.ts). A plug that appears with
 * a slot is connected; a plug shown with slot "-" is not; a plug missing from the list entirely
 * (a classic MicroK8s, or an output for another snap) is reported with interface null.
 */
export function requiredInterfaceStates(
  connections: ConnectionLike[],
  snap = 'microk8s',
): RequiredInterfaceState[] {
  return STRICT_REQUIRED_PLUGS.map((plug) => {
    const rows = connections.filter((c) => c.plug?.snap === snap && c.plug.name === plug);
    const connectedRow = rows.find((c) => c.slot !== null);
    const first = connectedRow ?? rows[0];
    return {
      plug,
      interface: first?.interface ?? null,
      connected: connectedRow !== undefined,
      slot: connectedRow?.slot ? slotText(connectedRow.slot) : null,
    };
  });
}

/** The required plugs that are not connected, in STRICT_REQUIRED_PLUGS order. */
export function missingRequired(states: RequiredInterfaceState[]): string[] {
  return states.filter((s) => !s.connected).map((s) => s.plug);
}
