'use strict';
/**
 * The demo host's `microk8s` (status and version), printing what MicroK8s
 * 1.31 prints: canonical/microk8s scripts/wrappers/status.py and
 * common/utils.py get_available_addons(), as quoted in the shared reference
 * §5.1/§5.2 and in test/fixtures/microk8s/status/.
 *
 * - The addons are those of <host root>/var/snap/microk8s/common/addons/<repo>/addons.yaml
 *   (host root: $DEMO_HOST_ROOT, else demo/host-root), filtered by
 *   architecture and, on a strict snap, by their `confinement` field, sorted
 *   by (repository, name); state.microk8s.enabled says which are enabled.
 * - MicroK8s is ready when its snap is active and not `blocked` (the snap CLI
 *   model blocks it until its 23 required plugs are connected) and
 *   state.microk8s.stopped is not set.
 */

const fs = require('node:fs');
const path = require('node:path');

const NOT_RUNNING = 'microk8s is not running. Use microk8s inspect for a deeper inspection.';

class Exit extends Error {
  constructor(code, stdout, stderr) {
    super('exit');
    this.code = code;
    this.stdout = stdout || '';
    this.stderr = stderr || '';
  }
}

// --------------------------------------------------------------- a small YAML reader

/** A scalar as PyYAML's safe_load would give it for the values found in addons.yaml files. */
function scalar(raw) {
  let s = raw.trim();
  if (s.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(s);
    if (m) return JSON.parse('"' + m[1].replace(/\\'/g, "'") + '"');
  }
  if (s.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(s);
    if (m) return m[1].replace(/''/g, "'");
  }
  const hash = s.search(/\s#/);
  if (hash >= 0) s = s.slice(0, hash).trimEnd();
  if (s === '' || s === '~' || s === 'null') return null;
  if (s === 'true' || s === 'True') return true;
  if (s === 'false' || s === 'False') return false;
  return s;
}

/**
 * Block-style YAML: nested mappings, sequences of scalars or mappings, plain or
 * quoted scalars, comments. Enough for addons.yaml (checked against the
 * `yaml` package by test/demo/microk8s.test.ts).
 */
function parseYaml(text) {
  const lines = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '' || /^\s*#/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    lines.push({ indent, text: raw.trim() });
  }
  let i = 0;

  function parseBlock(indent) {
    if (i >= lines.length) return null;
    if (lines[i].text.startsWith('- ') || lines[i].text === '-') return parseSeq(lines[i].indent);
    return parseMap(indent);
  }

  function parseSeq(indent) {
    const out = [];
    while (i < lines.length && lines[i].indent === indent && (lines[i].text.startsWith('- ') || lines[i].text === '-')) {
      const rest = lines[i].text.slice(1).trim();
      if (rest === '') {
        i++;
        out.push(i < lines.length && lines[i].indent > indent ? parseBlock(lines[i].indent) : null);
      } else if (/^[^"'\s][^:]*:(\s|$)/.test(rest)) {
        // "- key: value" starts a mapping whose other keys are indented to the key
        lines[i] = { indent: indent + 2, text: rest };
        out.push(parseMap(indent + 2));
      } else {
        out.push(scalar(rest));
        i++;
      }
    }
    return out;
  }

  function parseMap(indent) {
    const out = {};
    while (i < lines.length && lines[i].indent === indent && !lines[i].text.startsWith('- ')) {
      const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$/.exec(lines[i].text);
      if (!m) throw new Error(`cannot read YAML line: ${lines[i].text}`);
      const key = scalar(m[1]);
      i++;
      if (m[2] !== undefined && m[2] !== '') out[key] = scalar(m[2]);
      else if (i < lines.length && (lines[i].indent > indent || (lines[i].indent === indent && lines[i].text.startsWith('- ')))) {
        out[key] = parseBlock(lines[i].indent);
      } else out[key] = null;
    }
    return out;
  }

  return parseBlock(lines.length ? lines[0].indent : 0);
}

// --------------------------------------------------------------- addons

function hostRoot() {
  const env = process.env.DEMO_HOST_ROOT;
  return env ? path.resolve(env) : path.join(__dirname, '..', 'host-root');
}

function byteCompare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** common/utils.py get_available_addons(arch), with the confinement filter of the strict branch. */
function availableAddons(root, arch, confinement) {
  const dir = path.join(root, 'var', 'snap', 'microk8s', 'common', 'addons');
  let repos = [];
  try {
    repos = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const available = [];
  for (const repo of repos) {
    let doc;
    try {
      doc = parseYaml(fs.readFileSync(path.join(dir, repo, 'addons.yaml'), 'utf8'));
    } catch {
      continue; // LOG.exception("could not load addons from %s") goes to stderr; the repo is skipped
    }
    const addons = doc && doc['microk8s-addons'] && doc['microk8s-addons'].addons;
    for (const addon of Array.isArray(addons) ? addons : []) {
      if (!Array.isArray(addon.supported_architectures) || !addon.supported_architectures.includes(arch)) continue;
      if (typeof addon.confinement === 'string') {
        if (confinement === 'strict' && !addon.confinement.includes('strict')) continue;
        if (confinement === 'classic' && !addon.confinement.includes('classic')) continue;
      }
      available.push({ ...addon, repository: repo });
    }
  }
  available.sort((a, b) => byteCompare(a.repository, b.repository) || byteCompare(String(a.name), String(b.name)));
  return available;
}

/** Python's str() of a YAML value as print() shows it. */
function py(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

// --------------------------------------------------------------- state

function archOf(state) {
  const kv = ((state.system && state.system.version) || []).find((x) => x[0] === 'architecture');
  return kv ? kv[1] : 'amd64';
}

/**
 * A state without a microk8s section (e.g. one built from a snapshot): a
 * fresh install, with ha-cluster on and dns, helm and helm3 enabled (the
 * addons all three real 1.28+ status samples in test/fixtures/microk8s/status
 * show enabled).
 */
const FRESH_INSTALL = { stopped: false, ha: { enabled: true, nodes: [['127.0.0.1:19001', 'voter']] }, enabled: ['core/dns', 'core/ha-cluster', 'core/helm', 'core/helm3'] };

function readiness(state) {
  const snap = state.snaps.find((s) => s.name === 'microk8s');
  const mk = state.microk8s || FRESH_INSTALL;
  const ready = !!snap && (!snap.status || snap.status === 'active') && !(snap.health && snap.health.status === 'blocked') && !mk.stopped;
  return { snap, mk, ready };
}

function isEnabled(mk, addon) {
  const enabled = mk.enabled || [];
  return enabled.includes(`${addon.repository}/${addon.name}`) || enabled.includes(addon.name);
}

function permissionCheck() {
  const v = process.env.DEMO_MICROK8S_NO_PERMISSION;
  if (!v || v === '0' || v === 'false' || v === 'no') return;
  const user = process.env.USER || require('node:os').userInfo().username;
  const group = 'snap_microk8s'; // get_microk8s_group on a strict snap
  // microk8s-resources/actions/common/utils.sh exit_if_no_permissions (reference §5.1)
  throw new Exit(
    1,
    '',
    'Insufficient permissions to access MicroK8s.\n' +
      `You can either try again with sudo or add the user ${user} to the '${group}' group:\n` +
      '\n' +
      `    sudo usermod -a -G ${group} ${user}\n` +
      `    sudo chown -R ${user} ~/.kube\n` +
      '\n' +
      `After this, reload the user groups either via a reboot or by running 'newgrp ${group}'.\n`,
  );
}

// --------------------------------------------------------------- status.py

// argparse (Python 3.8 in the core20-based snap) wraps the usage at 78 columns;
// the order of the --format choices is that of a Python set (varies in reality)
const USAGE = 'usage: microk8s status [-h] [--format {pretty,yaml,short}] [-w] [-t TIMEOUT]\n                       [-a ADDON] [--yaml]\n';

function parseStatusArgs(args) {
  const o = { format: 'pretty', wait: false, timeout: 0, addon: 'all', yaml: false, help: false };
  const bad = [];
  const need = (name, i) => {
    if (i + 1 >= args.length) throw new Exit(2, '', `${USAGE}microk8s status: error: argument ${name}: expected one argument\n`);
    return args[i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let m;
    if (a === '-h' || a === '--help') o.help = true;
    else if (a === '-w' || a === '--wait-ready') o.wait = true;
    else if (a === '--yaml') o.yaml = true;
    else if (a === '--format' || (m = /^--format=(.*)$/s.exec(a))) {
      const v = m ? m[1] : need('--format', i++);
      if (!['pretty', 'yaml', 'short'].includes(v)) {
        throw new Exit(2, '', `${USAGE}microk8s status: error: argument --format: invalid choice: '${v}' (choose from 'pretty', 'yaml', 'short')\n`);
      }
      o.format = v;
    } else if (a === '-a' || a === '--addon' || (m = /^(?:--addon=|-a)(.+)$/s.exec(a))) {
      o.addon = m ? m[1] : need('-a/--addon', i++);
    } else if (a === '-t' || a === '--timeout' || (m = /^(?:--timeout=|-t)(.+)$/s.exec(a))) {
      const v = m ? m[1] : need('-t/--timeout', i++);
      if (!/^[+-]?\d+$/.test(v.trim())) throw new Exit(2, '', `${USAGE}microk8s status: error: argument -t/--timeout: invalid int value: '${v}'\n`);
      o.timeout = Number(v);
    } else bad.push(a);
  }
  if (bad.length) throw new Exit(2, '', `${USAGE}microk8s status: error: unrecognized arguments: ${bad.join(' ')}\n`);
  return o;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function status(args) {
  permissionCheck();
  const o = parseStatusArgs(args);
  if (o.help) {
    return (
      USAGE +
      '\nMicrok8s cluster status check.\n\noptional arguments:\n' +
      '  -h, --help            show this help message and exit\n' +
      '  --format {pretty,yaml,short}\n' +
      '                        print cluster and addon status, output can be in yaml, pretty or short\n' +
      '  -w, --wait-ready      wait until the cluster is in ready state\n' +
      '  -t TIMEOUT, --timeout TIMEOUT\n' +
      '                        specify a timeout in seconds when waiting for the cluster to be ready.\n' +
      '  -a ADDON, --addon ADDON\n' +
      '                        check the status of an addon.\n' +
      "  --yaml                DEPRECATED, use '--format yaml' instead\n"
    );
  }
  const stateLib = require('./state.js');
  let state = stateLib.readState();
  if (state.replay) {
    // a replayed snapshot: what `microk8s status --format yaml` printed on that host, or nothing made up
    if (state.replay.microk8sStatus !== null && args.join(' ') === '--format yaml') throw new Exit(0, state.replay.microk8sStatus);
    throw new Exit(2, '', `${stateLib.notInSnapshot(`microk8s status ${args.join(' ')}`.trim(), state)}\n`);
  }
  let { snap, mk, ready } = readiness(state);
  if (!snap) throw new Exit(127, '', 'microk8s: command not found\n');
  if (mk.stopped) throw new Exit(0, 'microk8s is not running, try microk8s start\n');
  if (o.wait && !ready) {
    // wait_for_ready(timeout): poll until ready, or until the timeout (0 = forever)
    const deadline = o.timeout > 0 ? Date.now() + o.timeout * 1000 : Infinity;
    while (!ready && Date.now() < deadline) {
      sleep(Math.min(2000, Math.max(0, deadline - Date.now())));
      state = stateLib.readState();
      ({ snap, mk, ready } = readiness(state));
    }
  }

  let addons = availableAddons(hostRoot(), archOf(state), snap.confinement || 'strict');
  if (o.addon !== 'all') addons = addons.filter((a) => a.name === o.addon);
  const enabled = ready ? addons.filter((a) => isEnabled(mk, a)) : [];
  const disabled = ready ? addons.filter((a) => !isEnabled(mk, a)) : [];
  const code = ready ? 0 : 1;

  if (o.addon !== 'all') throw new Exit(code, enabled.length > 0 ? 'enabled\n' : 'disabled\n');

  const ha = mk.ha || { enabled: false, nodes: [] };
  const nodes = ha.enabled && ready ? ha.nodes || [] : [];
  let out = '';
  if (o.format === 'yaml') {
    out += 'microk8s:\n';
    out += `  running: ${py(ready)}\n`;
    out += 'high-availability:\n';
    out += `  enabled: ${py(!!ha.enabled)}\n`;
    if (ha.enabled) {
      out += '  nodes:\n';
      for (const [address, role] of nodes) out += `    - address: ${address}\n      role: ${role}\n`;
    }
    if (ready) {
      out += 'addons:\n';
      for (const [list, st] of [[enabled, 'enabled'], [disabled, 'disabled']]) {
        for (const a of list) {
          out += `  - name: ${py(a.name)}\n    repository: ${a.repository}\n    description: ${py(a.description)}\n    version: ${py(a.version)}\n    status: ${st}\n`;
        }
      }
    } else out += `   message: ${NOT_RUNNING}\n`;
  } else if (o.format === 'short') {
    if (ready) {
      out += 'microk8s is running\naddons:\n';
      for (const a of enabled) out += `${a.repository}/${a.name}: enabled\n`;
      for (const a of disabled) out += `${a.repository}/${a.name}: disabled\n`;
    } else out += NOT_RUNNING + '\n';
  } else if (o.yaml) {
    out += 'microk8s:\n';
    out += `  running: ${py(ready)}\n`;
    if (ready) {
      out += 'addons:\n';
      for (const a of enabled) out += `  ${a.repository}/${a.name}: enabled\n`;
      for (const a of disabled) out += `  ${a.repository}/${a.name}: disabled\n`;
    } else out += `   message: ${NOT_RUNNING}\n`;
  } else if (ready) {
    out += 'microk8s is running\n';
    if (!ha.enabled) out += 'high-availability: no\n';
    else {
      const voters = nodes.filter((n) => n[1] === 'voter').map((n) => n[0]);
      const standby = nodes.filter((n) => n[1] === 'standby').map((n) => n[0]);
      out += `high-availability: ${voters.length > 2 ? 'yes' : 'no'}\n`;
      out += `  datastore master nodes: ${voters.length ? voters.join(' ') : 'none'}\n`;
      out += `  datastore standby nodes: ${standby.length ? standby.join(' ') : 'none'}\n`;
    }
    out += 'addons:\n';
    const row = (a) => `    ${String(a.name).padEnd(20)} # (${a.repository}) ${py(a.description)}\n`;
    if (enabled.length) out += '  enabled:\n' + enabled.map(row).join('');
    if (disabled.length) out += '  disabled:\n' + disabled.map(row).join('');
  } else out += NOT_RUNNING + '\n';
  throw new Exit(code, out);
}

// --------------------------------------------------------------- version.py

function version(args) {
  permissionCheck();
  if (args.length) throw new Exit(2, '', `Usage: microk8s version [OPTIONS]\nTry 'microk8s version -h' for help.\n\nError: Got unexpected extra argument (${args[0]})\n`);
  const state = require('./state.js').readState();
  const snap = state.snaps.find((s) => s.name === 'microk8s');
  if (!snap) throw new Exit(127, '', 'microk8s: command not found\n');
  // as printed by MicroK8s releases: "MicroK8s v1.27.5 revision 5891"
  return `MicroK8s ${snap.version} revision ${snap.revision}\n`;
}

// --------------------------------------------------------------- microk8s.wrapper

// the wrappers of the 1.31 snap (microk8s-resources/wrappers/microk8s-*.wrapper), then "inspect"
const SUBCOMMANDS = ['add-node', 'addons', 'config', 'ctr', 'dashboard-proxy', 'dbctl', 'disable', 'enable', 'helm', 'helm3', 'images', 'istioctl', 'join', 'kubectl', 'leave', 'linkerd', 'refresh-certs', 'remove-node', 'reset', 'start', 'status', 'stop', 'version'];

function help() {
  return 'Available subcommands are:\n' + SUBCOMMANDS.map((s) => `\t${s}\n`).join('') + '\tinspect\n';
}

function run(argv) {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) return { code: 1, stdout: help(), stderr: '' };
    if (cmd === 'help' || cmd === '--help' || cmd === '-h') return { code: 0, stdout: help(), stderr: '' };
    if (cmd === 'status') status(rest);
    else if (cmd === 'version') return { code: 0, stdout: version(rest), stderr: '' };
    else if (cmd === 'enable' || cmd === 'disable') {
      permissionCheck();
      const state = require('./state.js').readState();
      if (state.replay) return { code: 1, stdout: '', stderr: `A replayed snapshot cannot run 'microk8s ${cmd}'.\n` };
      // Writes its lines as it goes (see microk8s-xable.js).
      const lib = { Exit, availableAddons, hostRoot, archOf, readiness, isEnabled, notRunning: NOT_RUNNING };
      return { code: require('./microk8s-xable.js').xable(cmd, rest, lib), stdout: '', stderr: '' };
    }
    else if (SUBCOMMANDS.includes(cmd) || cmd === 'inspect') {
      return { code: 1, stdout: '', stderr: `The demo host does not simulate 'microk8s ${cmd}'.\n` };
    } else return { code: 1, stdout: `'${cmd}' is not a valid MicroK8s subcommand.\n` + help(), stderr: '' };
    return { code: 0, stdout: '', stderr: '' };
  } catch (e) {
    if (e instanceof Exit) return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    return { code: 1, stdout: '', stderr: `${e && e.message ? e.message : String(e)}\n` };
  }
}

function main(argv) {
  const r = run(argv);
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

module.exports = { main, run, parseYaml, availableAddons, hostRoot };
