import { parseChanges, type SnapChange } from './parse';

/**
 * `snap changes` and `snap tasks ID` (alias `snap change ID`), read with `--abs-time` so
 * Spawn/Ready are RFC 3339 ("2026-11-22T10:52:43Z") and can be compared with other times.
 * Formats: ../shared/snapd-lab transcripts 58 (changes) and 61 (tasks), snapd's
 * cmd/snap/cmd_changes.go (header `Status  Spawn  Ready  Summary` for tasks).
 */

export { parseChanges, type SnapChange };

/**
 * A change's or task's status as snapd prints it: snapd overlord/state/task.go Status.String()
 * (Default, Do, Doing, Done, Wait — newer releases —, Abort, Undo, Undoing, Undone, Hold, Error).
 */
export type ChangeStatus = 'Default' | 'Do' | 'Doing' | 'Done' | 'Wait' | 'Abort' | 'Undo' | 'Undoing' | 'Undone' | 'Hold' | 'Error';

/** Ready statuses: the change will not move again (snapd overlord/state/task.go Status.Ready()). */
const READY = new Set(['Done', 'Undone', 'Hold', 'Error']);

export function isReadyStatus(status: string): boolean {
  return READY.has(status);
}

export interface SnapTask {
  status: string;
  /** RFC 3339 with --abs-time */
  spawn: string;
  /** null while not ready ("-") */
  ready: string | null;
  summary: string;
}

const TASK_COLUMNS = ['Status', 'Spawn', 'Ready', 'Summary'];

/**
 * `snap tasks --abs-time ID`: header `Status  Spawn  Ready  Summary`, one row per task, then a
 * blank line (anything after it is not a task row). Columns are found from the
 * header's positions (the summary is free text and may contain runs of spaces).
 */
export function parseTasks(text: string): SnapTask[] {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return [];
  const header = lines[headerAt] ?? '';
  const starts = TASK_COLUMNS.map((name) => header.search(new RegExp(`(^|\\s)${name}(\\s|$)`)));
  if (starts.some((s) => s < 0) || starts[0] !== 0) {
    throw new Error(`snap tasks: unexpected header ${JSON.stringify(header.slice(0, 200))}`);
  }
  const at = starts.map((s, i) => (i === 0 ? s : s + 1));
  const tasks: SnapTask[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') break; // the task log of a failed change follows a blank line
    const cell = (i: number) => line.slice(at[i], i + 1 < at.length ? at[i + 1] : undefined).trim();
    const ready = cell(2);
    tasks.push({ status: cell(0), spawn: cell(1), ready: ready === '-' || ready === '' ? null : ready, summary: cell(3) });
  }
  return tasks;
}
