/**
 * Parsers for what `microk8s status` prints.
 *
 * PURE module: text in, typed objects out. No I/O, no `server-only`, no dependencies.
 *
 * Formats (canonical/microk8s `scripts/wrappers/status.py` and the wrapper scripts; samples in
 * test/fixtures/microk8s/status/, sources in SOURCES.md there):
 *
 * - `--format pretty` (the default since the HA release):
 *     microk8s is running
 *     high-availability: no
 *       datastore master nodes: 127.0.0.1:19001
 *       datastore standby nodes: none
 *     addons:
 *       enabled:
 *         dns                  # (core) CoreDNS
 *       disabled:
 *         cilium               # (community) SDN, fast with full network policy
 *   Before 1.24 (no addon repositories) the `(repo) ` part is absent. With an external etcd the
 *   datastore lines are `  datastore endpoints:` followed by endpoints indented by 4.
 * - `--format short`: `microk8s is running`, `addons:`, then `core/dns: enabled` (before 1.24:
 *   `dns: enabled`) with no indentation.
 * - `--format yaml`: `microk8s:` / `  running: True` (Python's `str(bool)`), `high-availability:` /
 *   `  enabled: True` / `  nodes:` list, `addons:` list of `- name:` / `repository:` /
 *   `description:` / `version:` / `status: enabled|disabled`. When not running, a
 *   `   message: ...` line (indented by THREE spaces: `"{:>2} {} {}"`) — not valid YAML, which is
 *   why this is parsed line by line and not with a YAML library.
 * - legacy `--yaml`: `microk8s:` / `  running: True` / `addons:` / `  core/dns: enabled`.
 * - messages instead of a status: not running (`microk8s is not running. Use microk8s inspect…`,
 *   stopped: `microk8s is not running, try microk8s start`), insufficient permissions (group
 *   `microk8s` on classic, `snap_microk8s` on strict), and a worker node (`This MicroK8s deployment
 *   is acting as a node in a cluster.`).
 *
 * Never throws: unreadable input is `running: false` with a message saying so.
 */

export interface AddonState {
  name: string;
  /** `core`, `community`, …; null when the output does not say (before 1.24, or the name only) */
  repository: string | null;
  description: string | null;
  version: string | null;
  enabled: boolean;
}

export interface Microk8sStatus {
  running: boolean;
  /** null when the output does not say (short format, messages) */
  highAvailability: boolean | null;
  addons: AddonState[];
  /** why there is no status: "not running" text, the permission message, the worker-node message… */
  message: string | null;
}

export type Microk8sStatusProblem = 'not-running' | 'insufficient-permissions' | 'worker-node' | null;

const MAX_MESSAGE = 2000;

function linesOf(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

const PERMISSION_RE = /Insufficient permissions to access MicroK8s|You do not have enough permissions to access MicroK8s/;
// "add the user ubuntu to the 'microk8s' group" / "newgrp snap_microk8s"
const GROUP_RE = /to the '([a-z_][a-z0-9_-]*)' group|newgrp ([a-z_][a-z0-9_-]*)/;
const WORKER_RE = /This MicroK8s deployment is acting as a node in a cluster/;
const NOT_RUNNING_RE = /microk8s is not running/;

/**
 * Which message, if any, `microk8s status` printed instead of a status. `group` is the group
 * named in the permission message (`snap_microk8s` on strict, `microk8s` on classic), else null.
 */
export function statusProblem(text: string): { kind: Microk8sStatusProblem; group: string | null } {
  if (typeof text !== 'string') return { kind: null, group: null };
  // The permission check runs first in the wrapper, then the worker-node check, then readiness.
  if (PERMISSION_RE.test(text)) {
    const m = GROUP_RE.exec(text);
    return { kind: 'insufficient-permissions', group: m?.[1] ?? m?.[2] ?? null };
  }
  if (WORKER_RE.test(text)) return { kind: 'worker-node', group: null };
  if (NOT_RUNNING_RE.test(text)) return { kind: 'not-running', group: null };
  // --format yaml / --yaml when not ready: "running: False"
  if (/^microk8s:\s*$/m.test(text) && /^\s+running:\s*false\s*$/im.test(text)) return { kind: 'not-running', group: null };
  return { kind: null, group: null };
}

const BOOL_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false };

function boolOf(s: string): boolean | null {
  const v = BOOL_WORDS[s.trim().toLowerCase()];
  return v === undefined ? null : v;
}

/** "core/dns" → { repository: "core", name: "dns" }; "dns" → { repository: null, name: "dns" } */
function splitQualified(s: string): { repository: string | null; name: string } {
  const slash = s.indexOf('/');
  if (slash <= 0 || slash === s.length - 1) return { repository: null, name: s };
  return { repository: s.slice(0, slash), name: s.slice(slash + 1) };
}

// An addon name as addons.yaml allows it in practice: dns, ha-cluster, sriov-device-plugin.
const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const PRETTY_ROW = new RegExp(`^\\s+(${NAME})\\s+#\\s?(?:\\(([A-Za-z0-9._-]+)\\)\\s)?(.*)$`);
const SHORT_ROW = new RegExp(`^\\s*((?:${NAME}/)?${NAME}):\\s+(enabled|disabled)$`);

function emptyStatus(message: string | null): Microk8sStatus {
  return { running: false, highAvailability: null, addons: [], message };
}

function parsePrettyOrShort(lines: string[]): Microk8sStatus {
  const status: Microk8sStatus = { running: true, highAvailability: null, addons: [], message: null };
  let section: 'enabled' | 'disabled' | null = null;
  let inAddons = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const ha = /^high-availability:\s*(\S+)$/.exec(trimmed);
    if (ha?.[1] !== undefined && !line.startsWith(' ')) {
      status.highAvailability = boolOf(ha[1]);
      continue;
    }
    if (trimmed === 'addons:') {
      inAddons = true;
      continue;
    }
    if (!inAddons) continue;
    if (trimmed === 'enabled:' || trimmed === 'disabled:') {
      section = trimmed === 'enabled:' ? 'enabled' : 'disabled';
      continue;
    }
    const pretty = PRETTY_ROW.exec(line);
    if (pretty?.[1] !== undefined && section !== null) {
      const description = (pretty[3] ?? '').trim();
      status.addons.push({
        name: pretty[1],
        repository: pretty[2] ?? null,
        description: description === '' ? null : description,
        version: null,
        enabled: section === 'enabled',
      });
      continue;
    }
    const short = SHORT_ROW.exec(line);
    if (short?.[1] !== undefined) {
      const { repository, name } = splitQualified(short[1]);
      status.addons.push({ name, repository, description: null, version: null, enabled: short[2] === 'enabled' });
    }
    // anything else (a row cut short, a stray line) is skipped
  }
  return status;
}

function parseYaml(lines: string[]): Microk8sStatus {
  const status: Microk8sStatus = { running: false, highAvailability: null, addons: [], message: null };
  let top: string | null = null;
  let sawListItem = false;
  let current: Partial<AddonState> & { status?: string } | null = null;
  const flush = () => {
    if (current?.name && (current.status === 'enabled' || current.status === 'disabled')) {
      status.addons.push({
        name: current.name,
        repository: current.repository ?? null,
        description: current.description ?? null,
        version: current.version ?? null,
        enabled: current.status === 'enabled',
      });
    }
    current = null;
  };
  for (const line of lines) {
    if (line.trim() === '') continue;
    const topKey = /^([A-Za-z0-9-]+):\s*$/.exec(line);
    if (topKey?.[1] !== undefined) {
      flush();
      top = topKey[1];
      continue;
    }
    const kv = /^(\s+)(- )?([A-Za-z-]+):\s?(.*)$/.exec(line);
    if (top === 'microk8s' && kv) {
      if (kv[3] === 'running') status.running = boolOf(kv[4] ?? '') ?? false;
      else if (kv[3] === 'message') status.message = clip((kv[4] ?? '').trim());
      continue;
    }
    if (top === 'high-availability' && kv) {
      if (kv[3] === 'enabled') status.highAvailability = boolOf(kv[4] ?? '');
      else if (kv[3] === 'message') status.message = clip((kv[4] ?? '').trim());
      continue;
    }
    if (top === 'addons') {
      // legacy --yaml: "  core/dns: enabled", indented by exactly two, never inside a "- name:" list
      const legacy = SHORT_ROW.exec(line);
      if (legacy?.[1] !== undefined && /^ {2}\S/.test(line) && !sawListItem) {
        const { repository, name } = splitQualified(legacy[1]);
        status.addons.push({ name, repository, description: null, version: null, enabled: legacy[2] === 'enabled' });
        continue;
      }
      if (!kv) continue;
      const key = kv[3];
      const value = (kv[4] ?? '').trim();
      if (kv[2]) {
        flush();
        sawListItem = true;
      }
      if (kv[2] || current === null) current = {};
      const entry: Partial<AddonState> & { status?: string } = current;
      if (key === 'name') entry.name = value;
      else if (key === 'repository') entry.repository = value === '' ? null : value;
      else if (key === 'description') entry.description = value === '' ? null : value;
      else if (key === 'version') entry.version = value === '' || value === 'None' ? null : value;
      else if (key === 'status') entry.status = value;
    }
  }
  flush();
  if (!status.running && status.message === null) status.message = 'microk8s is not running';
  return status;
}

/**
 * Parse any `microk8s status` output (pretty, short, `--format yaml`, legacy `--yaml`, or one of
 * the messages printed instead). Never throws.
 */
export function parseMicrok8sStatus(text: string): Microk8sStatus {
  try {
    if (typeof text !== 'string') return emptyStatus('no output');
    const lines = linesOf(text);
    const first = lines.find((l) => l.trim() !== '');
    if (first === undefined) return emptyStatus('empty output');

    const problem = statusProblem(text);
    if (problem.kind === 'insufficient-permissions' || problem.kind === 'worker-node') {
      return emptyStatus(clip(lines.filter((l) => l.trim() !== '').join('\n')));
    }
    const head = first.trim();
    if (head === 'microk8s:') return parseYaml(lines);
    if (problem.kind === 'not-running') {
      const line = lines.find((l) => NOT_RUNNING_RE.test(l));
      return emptyStatus(clip((line ?? head).trim()));
    }
    if (head === 'microk8s is running') return parsePrettyOrShort(lines);
    // `--format short | grep …` and similar: rows only, no header. Accept it only when every
    // non-blank line is a short-format row, so that arbitrary text is never read as addons.
    const rows = lines.filter((l) => l.trim() !== '');
    if (rows.every((l) => SHORT_ROW.test(l))) {
      const parsed = parsePrettyOrShort(['addons:', ...rows]);
      return { ...parsed, running: true, message: 'no "microk8s is running" line: the output was filtered' };
    }
    return emptyStatus(`unrecognised microk8s status output: ${clip(head)}`);
  } catch {
    return emptyStatus('unrecognised microk8s status output');
  }
}
