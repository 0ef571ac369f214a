import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isReadyStatus, parseChanges, parseTasks } from './changes-parse';

// Verbatim snapd 2.57 transcripts; test/fixtures/snapd-lab/SOURCES.md says which command made each.
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(FIXTURES + name, 'utf8');

describe('snap tasks / snap change', () => {
  it('reads the tasks of a connect change with absolute times', () => {
    expect(parseTasks(fixture('61-snap-change-abs-time-10.stdout'))).toEqual([
      { status: 'Done', spawn: '2026-11-22T10:52:43Z', ready: '2026-11-22T10:52:44Z', summary: 'Connect microk8s:network-observe to snapd:network-observe' },
    ]);
  });

  it('keeps relative times whole (spaces inside a cell)', () => {
    const [task] = parseTasks(fixture('63-snap-change-17.stdout'));
    expect(task).toEqual({ status: 'Done', spawn: 'today at 10:52 UTC', ready: 'today at 10:52 UTC', summary: 'Disconnect microk8s:network-observe from snapd:network-observe' });
  });

  it('reads a task that is not ready ("-") as ready: null', () => {
    const text = 'Status  Spawn                 Ready  Summary\nDoing   2026-11-22T10:52:43Z  -      Connect microk8s:home to snapd:home\n\n';
    expect(parseTasks(text)).toEqual([{ status: 'Doing', spawn: '2026-11-22T10:52:43Z', ready: null, summary: 'Connect microk8s:home to snapd:home' }]);
  });

  it('refuses text that is not a task table, naming the header', () => {
    expect(() => parseTasks('ID   Status  Spawn  Ready  Summary\n')).toThrow(/unexpected header/);
    expect(parseTasks('')).toEqual([]);
  });

  it('agrees with snap changes about the same change', () => {
    const change = parseChanges(fixture('58-snap-changes-abs-time.stdout')).find((c) => c.id === '10');
    const [task] = parseTasks(fixture('61-snap-change-abs-time-10.stdout'));
    expect(change).toMatchObject({ spawn: task?.spawn, summary: task?.summary, status: 'Done' });
  });
});

describe('isReadyStatus', () => {
  it('is snapd’s Status.Ready(): Done, Undone, Hold, Error', () => {
    expect(['Done', 'Undone', 'Hold', 'Error'].every(isReadyStatus)).toBe(true);
    expect(['Default', 'Do', 'Doing', 'Wait', 'Abort', 'Undo', 'Undoing'].some(isReadyStatus)).toBe(false);
  });
});
