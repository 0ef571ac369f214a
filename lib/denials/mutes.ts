import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { settings } from '../config';
import { NotFound } from '../errors/problem';
import { readStateFile, writeStateFile } from '../state/private-files';
import type { DenialMute } from '../contracts/denials';

/**
 * Denial groups muted as known noise, per host, in `<stateDir>/denial-mutes.json`. Written whole
 * (temp file, then rename) and one writer at a time, so a reader never sees half a file and two
 * mutes at once do not lose one. A damaged file is an error said plainly, never silently emptied.
 */

const fileSchema = z.object({
  version: z.literal(1),
  hosts: z.record(z.string(), z.array(z.object({ key: z.string(), label: z.string(), note: z.string().nullable(), mutedAt: z.string() }))),
});
type MuteFile = z.infer<typeof fileSchema>;

function file(): string {
  return path.join(settings().stateDir, 'denial-mutes.json');
}

function readAll(): MuteFile {
  const text = readStateFile(file());
  if (text === null) return { version: 1, hosts: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file()} is not a list of muted denial groups; move it aside to start a new one`);
  return parsed.data;
}

let queue: Promise<unknown> = Promise.resolve();
function serially<T>(fn: () => T): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

function writeAll(data: MuteFile): void {
  writeStateFile(settings().stateDir, file(), `${JSON.stringify(data, null, 1)}\n`);
}

export function listMutes(hostId: string): DenialMute[] {
  return readAll().hosts[hostId] ?? [];
}

/** Mutes a group (again: its note and time are replaced). Returns the mute. */
export function addMute(hostId: string, key: string, note: string | null, now = new Date()): Promise<DenialMute> {
  return serially(() => {
    const data = readAll();
    const label = labelOf(key);
    const mute: DenialMute = { key, label, note, mutedAt: now.toISOString() };
    data.hosts[hostId] = [...(data.hosts[hostId] ?? []).filter((m) => m.key !== key), mute];
    writeAll(data);
    return mute;
  });
}

/** Lifts a mute; NotFound when the group was not muted. */
export function removeMute(hostId: string, key: string): Promise<DenialMute> {
  return serially(() => {
    const data = readAll();
    const found = (data.hosts[hostId] ?? []).find((m) => m.key === key);
    if (!found) throw new NotFound('That denial group is not muted on this host.');
    data.hosts[hostId] = (data.hosts[hostId] ?? []).filter((m) => m.key !== key);
    writeAll(data);
    return found;
  });
}

/** "microk8s: read …/mountinfo (apparmor)" from a group key (snap|profile|kind|what|action). */
function labelOf(key: string): string {
  const [snap, , kind, what] = key.split('|');
  return `${snap && snap !== '?' ? snap : 'unknown snap'}: ${what ?? key} (${kind ?? 'denial'})`;
}
