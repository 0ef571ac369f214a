'use strict';
/**
 * The demo host's `microk8s enable|disable ADDON`.
 *
 * The wrapper: canonical/microk8s scripts/wrappers/common/utils.py `xable()`
 * and `parse_xable_single_arg()` (commit 0707acfb): "Infer repository R for
 * addon A" on stderr for a bare name; "Addon A was not found in any
 * repository" on stderr, exit 1; "Addon R/A is already enabled" on stdout.
 * On a strict snap a classic-only addon is not among the available ones
 * (get_available_addons with the confinement filter), so it is "not found".
 *
 * The addon's own script: only `dns` is simulated, with the lines of
 * canonical/microk8s-core-addons addons/dns/enable (commit e16471c0) and
 * addons/dns/disable (commit 044b6cdf); the kubectl lines are what
 * `kubectl apply`/`delete` print for the objects of addons/dns/coredns.yaml
 * (commit 044b6cdf). The host is assumed to have a systemd-resolved
 * resolv.conf (the "Using host configuration from" branch). Every other addon
 * is refused with a message saying the demo does not simulate it.
 * Lines are written one by one, DEMO_MICROK8S_XABLE_MS apart (default 300),
 * as the real scripts print while they work.
 */
const fs = require('node:fs');

const COREDNS_OBJECTS = [
  'serviceaccount/coredns',
  'configmap/coredns',
  'deployment.apps/coredns',
  'service/kube-dns',
  'clusterrole.rbac.authorization.k8s.io/coredns',
  'clusterrolebinding.rbac.authorization.k8s.io/coredns',
];

const SCRIPTS = {
  'core/dns': {
    enable: [
      'Enabling DNS',
      'Using host configuration from /run/systemd/resolve/resolv.conf',
      'Applying manifest',
      ...COREDNS_OBJECTS.map((o) => `${o} created`),
      'CoreDNS service deployed with IP address 10.152.183.10',
      'Restarting kubelet',
      'DNS is enabled',
    ],
    disable: [
      'Disabling DNS',
      'Reconfiguring kubelet',
      'Removing DNS manifest',
      'deployment.apps "coredns" deleted',
      ...COREDNS_OBJECTS.filter((o) => !o.startsWith('deployment')).map((o) => `${o.replace(/\/(.*)$/, ' "$1"')} deleted`),
      'DNS is disabled',
    ],
  },
};

function pause() {
  const ms = Number(process.env.DEMO_MICROK8S_XABLE_MS ?? 300);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 10_000));
}

/**
 * @param {'enable'|'disable'} action
 * @param {string[]} args
 * @param {{ Exit: Function, availableAddons: Function, hostRoot: Function, archOf: Function, readiness: Function, isEnabled: Function, notRunning: string }} lib
 * Returns the exit code; writes as it goes.
 */
function xable(action, args, lib) {
  const { Exit } = lib;
  if (args.length === 0) throw new Exit(2, '', `Usage: microk8s ${action} [OPTIONS] ADDONS...\nTry 'microk8s ${action} --help' for help.\n\nError: Missing argument 'ADDONS...'.\n`);
  const stateLib = require('./state.js');
  const state = stateLib.readState();
  const { snap, mk, ready } = lib.readiness(state);
  if (!snap) throw new Exit(127, '', 'microk8s: command not found\n');
  if (mk.stopped) throw new Exit(1, '', 'microk8s is not running, try microk8s start\n');
  // The demo's simplification: the real wrapper waits up to 30 s for the cluster
  // (wait_for_ready) and then fails inside the addon's script; the demo fails at once.
  if (!ready) throw new Exit(1, '', lib.notRunning + '\n');
  const available = lib.availableAddons(lib.hostRoot(), lib.archOf(state), snap.confinement || 'strict');
  const [arg] = args;
  const parts = arg.split(':')[0].split('/');
  let repo;
  let name;
  if (parts.length === 2) [repo, name] = parts;
  else if (parts.length === 1) {
    name = parts[0];
    const repos = available.filter((a) => a.name === name).map((a) => a.repository);
    if (repos.length === 0) throw new Exit(1, '', `Addon ${name} was not found in any repository\n`);
    if (repos.length > 1) {
      throw new Exit(1, '', `Addon ${name} exists in more than repository. Please explicitly specify\nthe repository using any of:\n\n${repos.map((r) => `    ${r}/${name}\n`).join('')}\n`);
    }
    repo = repos[0];
    fs.writeSync(2, `Infer repository ${repo} for addon ${name}\n`);
  } else throw new Exit(1, `Invalid addon name ${arg.split(':')[0]}\n`);
  const addon = available.find((a) => a.repository === repo && a.name === name);
  // xable() runs $SNAP_COMMON/addons/<repo>/addons/<name>/<action>: a missing one fails there
  if (!addon) throw new Exit(1, '', `Addon ${name} was not found in any repository\n`);
  const enabled = lib.isEnabled(mk, addon);
  if (enabled === (action === 'enable')) {
    fs.writeSync(1, `Addon ${repo}/${name} is already ${action}d\n`);
    return 0;
  }
  const script = SCRIPTS[`${repo}/${name}`];
  if (!script) throw new Exit(1, '', `The demo host does not simulate 'microk8s ${action} ${repo}/${name}' (only core/dns).\n`);
  for (const line of script[action]) {
    pause();
    fs.writeSync(1, line + '\n');
  }
  stateLib.mutate((s) => {
    const m = s.microk8s || { ...mk };
    const list = (m.enabled || []).filter((e) => e !== `${repo}/${name}` && e !== name);
    if (action === 'enable') list.push(`${repo}/${name}`);
    s.microk8s = { ...m, enabled: list };
    return { value: null, write: true };
  });
  return 0;
}

module.exports = { xable };
