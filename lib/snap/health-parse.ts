/**
 * A snap's health as snapd reports it (set by the snap itself with `snapctl set-health`;
 * strict MicroK8s sets `blocked` "You must connect … before proceeding" until its required
 * interfaces are connected). Two readings of the same record:
 *
 * - `snap debug api /v2/snaps/NAME` (snapd >= 2.64): the REST answer's `result.health`,
 *   client.SnapHealth in canonical/snapd client/packages.go: `status`, `message,omitempty`,
 *   `code,omitempty`, `revision`, `timestamp`; absent when the snap never set one.
 * - `snap info NAME` (every snapd): the `health:` block of infoWriter.maybePrintHealth in
 *   cmd/snapd/cli/cmd_info.go — printed only when the status is not `okay` — with
 *   tab-aligned `status:`, `message:` (word-wrapped at the terminal width with a four-space
 *   continuation indent, Go-quoted when it would not parse as a plain YAML scalar), `code:`,
 *   `checked:` and `revision:` lines (cmd_info_test.go shows the layout).
 */
export interface SnapHealthRecord {
  /** okay, waiting, blocked or error (snapd's HealthStatus strings). */
  status: string;
  message: string | null;
  code: string | null;
}

/** The health in `snap debug api /v2/snaps/NAME`'s JSON; null when the snap has none. */
export function parseHealthApi(stdout: string): SnapHealthRecord | null {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error('snap debug api: the answer is not JSON');
  }
  const result = (doc as { result?: { health?: unknown } } | null)?.result;
  if (!result || typeof result !== 'object') throw new Error('snap debug api: the answer has no result');
  const health = result.health as { status?: unknown; message?: unknown; code?: unknown } | undefined;
  if (!health || typeof health.status !== 'string') return null;
  return {
    status: health.status,
    message: typeof health.message === 'string' && health.message ? health.message : null,
    code: typeof health.code === 'string' && health.code ? health.code : null,
  };
}

/** Go's strconv.Quote output back to the string (for ASCII text it is a JSON string literal). */
function unquoteGo(text: string): string {
  if (!(text.startsWith('"') && text.endsWith('"'))) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

/** The `health:` block of `snap info NAME`; null when there is none (health okay or never set). */
export function parseHealthInfo(stdout: string): SnapHealthRecord | null {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l === 'health:');
  if (start < 0) return null;
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines.slice(start + 1)) {
    const field = /^ {2}([a-z]+):\s*(.*)$/.exec(line);
    if (field) {
      last = field[1]!;
      fields.set(last, field[2]!.trim());
    } else if (line.startsWith('    ') && last) {
      // a wrapped continuation of the previous field (the message)
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
    } else {
      break; // the next top-level key: the block has ended
    }
  }
  const status = fields.get('status');
  if (!status) return null;
  const message = fields.get('message');
  return { status, message: message ? unquoteGo(message) : null, code: fields.get('code') || null };
}
