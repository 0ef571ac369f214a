/**
 * `confinement-dashboard denials [FILE|-] [--this-host] [--snap NAME] [--json] [--raw]`:
 * the Denials page's analysis for a log file or stdin, for admins on SSH and
 * for scripts. Run through bin/confinement-dashboard.mjs and cli/main.ts.
 *
 * A file or stdin can come from any machine, so it is judged as the page judges
 * a pasted log (service.ts analyseLog): interfaces only, with a note of this
 * host's plugs. Only the admin knows that a log is this host's own: --this-host.
 */
import fs from 'node:fs';
import { parseDenials, countSuppressed } from './parse';
import { buildReport } from './report';
import { lineCounts } from './line-counts';
import { formatReport } from './cli';
import { isValidSnapName } from '../validation/names';
import { terminalSafeJson } from './terminal-safe';
import type { ConnectionRow } from './answer';
import { connectTimesFromChanges, type ConnectionTime } from './connection-times';
import type { Attrs } from './file-attrs';
import { VERDICT_ATTR_INTERFACES } from './plug-attrs-grants';

interface HostFacts {
  rows: ConnectionRow[] | null;
  installed: Set<string> | null;
  /** when plugs were connected, from snapd's changes (the dashboard's audit trail is not read here) */
  connectedAt: Map<string, ConnectionTime>;
  /** the attributes verdicts read (plug-attrs-grants.ts VERDICT_ATTR_INTERFACES), on every snapd */
  attrs: Map<string, Attrs>;
  /** the apps each plug is bound to, where known */
  apps: Map<string, readonly string[]>;
}

const USAGE = `usage: confinement-dashboard denials [FILE|-] [--this-host] [--snap NAME] [--json] [--raw]

Reads AppArmor/seccomp denials from FILE (or stdin with "-" or no FILE), groups
them by snap and says which interface would allow each. Lines that are not
denials are counted ("N of M lines not recognised as denials"), never dropped
silently.

A log may come from another machine, so it is judged as the Denials page judges
a pasted log: by what the interfaces allow, with a note of this host's plugs,
never "connect this plug" or "already connected".

  --this-host   the log is this host's own (journalctl -k | ... denials - --this-host):
                judge each denial against this host's plugs, when they were
                connected and their attributes, and name the plug to connect
  --snap NAME   only the denials of that snap
  --json        the report as JSON, with "lines" and "unrecognised"
  --raw         each group's latest log line too (control characters escaped)
`;

/** For a log from elsewhere, as the page's paste analyser asks: this host's connections, for a note only. */
async function hostNoteFacts(): Promise<HostFacts> {
  const none = { rows: null, installed: null, connectedAt: new Map(), attrs: new Map(), apps: new Map() };
  try {
    const [{ connections }, { currentHost }] = await Promise.all([import('../snap/queries'), import('../host')]);
    return { ...none, rows: await connections(currentHost()) };
  } catch {
    return none; // no note of this host's state then
  }
}

/** `snaps`: the snaps the log names, whose meta/snap.yaml tells their plugs' apps on snapd < 2.64. */
async function hostConnections(snaps: readonly string[]): Promise<HostFacts> {
  try {
    // Same host layer and parsers as the dashboard (local mode unless configured otherwise).
    const [{ connections, installedSnaps }, { currentHost }, { listChanges }, { verdictPlugs }] = await Promise.all([
      import('../snap/queries'),
      import('../host'),
      import('../snap/changes'),
      import('../snap/attrs'),
    ]);
    const host = currentHost();
    // all at once: each is a process on the host
    const [rows, installed, connectedAt, plugs] = await Promise.all([
      connections(host),
      installedSnaps(host),
      listChanges(host).then(connectTimesFromChanges, () => new Map<string, ConnectionTime>()),
      // no attributes: such plugs are judged "not read"; no apps: every plug is taken to reach every app
      verdictPlugs(host, VERDICT_ATTR_INTERFACES, snaps).catch(() => ({ attrs: new Map<string, Attrs>(), apps: new Map<string, readonly string[]>() })),
    ]);
    return { rows, installed: new Set(installed.map((s) => s.name)), connectedAt, ...plugs };
  } catch {
    return { rows: null, installed: null, connectedAt: new Map(), attrs: new Map(), apps: new Map() };
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'denials') {
    process.stderr.write(USAGE);
    return 64;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    // asked for: on stdout, as token and install-service do (`denials --help | less`)
    process.stdout.write(USAGE);
    return 0;
  }
  let json = false;
  let raw = false;
  let thisHost = false;
  let snap: string | null = null;
  let file: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--raw') raw = true;
    else if (a === '--this-host') thisHost = true;
    else if (a === '--snap') {
      snap = rest[++i] ?? '';
      if (!isValidSnapName(snap)) {
        process.stderr.write(`error: invalid snap name: ${JSON.stringify(snap)}\n`);
        return 64;
      }
    } else if (a === '-' || !a.startsWith('-')) {
      if (file !== null) {
        process.stderr.write(`error: only one log file at a time\n${USAGE}`);
        return 64;
      }
      file = a;
    } else {
      process.stderr.write(`error: unknown option ${a}\n${USAGE}`);
      return 64;
    }
  }
  let text: string;
  try {
    text = file && file !== '-' ? fs.readFileSync(file, 'utf8') : fs.readFileSync(0, 'utf8');
  } catch (e) {
    process.stderr.write(`error: cannot read ${file ?? 'stdin'}: ${(e as Error).message}\n`);
    return 1;
  }
  const denials = parseDenials(text);
  const host = thisHost ? await hostConnections([...new Set(denials.flatMap((d) => (d.snap ? [d.snap] : [])))]) : await hostNoteFacts();
  const report = buildReport(denials, countSuppressed(text), {
    snap,
    connections: host.rows,
    installed: host.installed,
    connectedAt: host.connectedAt,
    attrs: host.attrs,
    apps: host.apps,
    pasted: !thisHost,
  });
  // counted over the whole input, before --snap: the same numbers the page gives for a pasted log
  const lines = lineCounts(text, denials.length);
  process.stdout.write(json ? terminalSafeJson({ ...report, ...lines }) + '\n' : formatReport(report, { raw, lines, interfacesOnly: !thisHost }));
  return 0;
}
