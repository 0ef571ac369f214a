import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { settings } from '../config';
import { InvalidInput, NotFound } from '../errors/problem';
import { writeStateFile } from '../state/private-files';
import type { Host } from '../host';
import { connections } from '../snap/queries';
import { formatEndpoint } from '../snap/parse';
import { PROFILE_NAME, profileSchema, type HostPlan, type Profile } from '../contracts/profiles';
import { describeFailure, FLEET_CONCURRENCY } from './hosts';
import { mapLimit } from './limit';

/** Profiles live as YAML files an admin can also edit, diff and keep in git. */

function dir(): string {
  return path.join(settings().stateDir, 'profiles');
}

function fileOf(name: string): string {
  if (!PROFILE_NAME.test(name)) throw new InvalidInput('bad-name', `invalid profile name: ${JSON.stringify(name.slice(0, 64))} (lower-case letters, digits, dots and dashes)`);
  return path.join(dir(), `${name}.yaml`);
}

export function listProfiles(): { profiles: Profile[]; errors: { file: string; error: string }[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir()).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return { profiles: [], errors: [] };
  }
  const profiles: Profile[] = [];
  const errors: { file: string; error: string }[] = [];
  for (const f of names) {
    try {
      profiles.push(readProfileFile(path.join(dir(), f), f.slice(0, -'.yaml'.length)));
    } catch (e) {
      errors.push({ file: f, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { profiles, errors };
}

function readProfileFile(file: string, name: string): Profile {
  const parsed = profileSchema.safeParse({ ...(parseYaml(fs.readFileSync(file, 'utf8')) as object), name });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(i ? `${i.path.join('.')}: ${i.message}` : 'not a profile');
  }
  return parsed.data;
}

export function getProfile(name: string): Profile {
  const file = fileOf(name);
  if (!fs.existsSync(file)) throw new NotFound(`There is no profile "${name}".`);
  try {
    return readProfileFile(file, name);
  } catch (e) {
    throw new InvalidInput('bad-profile', `profiles/${name}.yaml: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes a profile whole (temp file, then rename: a reader never sees half of one). */
export function saveProfile(profile: Profile): Profile {
  const checked = profileSchema.parse(profile);
  const file = fileOf(checked.name);
  const { name, ...body } = checked;
  void name;
  writeStateFile(dir(), file, `# Confinement Dashboard profile: the connections ${checked.snap} should have.\n${stringifyYaml(body)}`);
  return checked;
}

/** The connections a snap has on a host now, as a profile. */
export async function profileFromHost(host: Host, name: string, snap: string, description: string | undefined, exclusive: boolean): Promise<Profile> {
  const rows = await connections(host, snap);
  const seen = new Set<string>();
  const list: Profile['connections'] = [];
  for (const c of rows) {
    if (!c.plug || c.plug.snap !== snap || !c.slot) continue;
    const slot = formatEndpoint(c.slot);
    const key = `${c.plug.name} ${slot}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ plug: c.plug.name, slot });
  }
  const hostname = await host.hostname().catch(() => host.name);
  return { name, snap, description: description ?? `The connections of ${snap} on ${hostname} on ${new Date().toISOString().slice(0, 10)}.`, exclusive, connections: list.sort((a, b) => a.plug.localeCompare(b.plug)) };
}

/** What a host needs to match a profile: the connects, and (exclusive profiles) the disconnects. */
export async function planFor(host: Host, profile: Profile): Promise<HostPlan> {
  const hostname = await host.hostname().catch(() => null);
  try {
    const rows = (await connections(host, profile.snap)).filter((c) => c.plug?.snap === profile.snap);
    const connectedSlots = new Map<string, string[]>();
    const declared = new Set<string>();
    for (const c of rows) {
      if (!c.plug) continue;
      declared.add(c.plug.name);
      if (c.slot) connectedSlots.set(c.plug.name, [...(connectedSlots.get(c.plug.name) ?? []), formatEndpoint(c.slot)]);
    }
    const connect = profile.connections.filter((w) => {
      const now = connectedSlots.get(w.plug) ?? [];
      return w.slot ? !now.includes(w.slot) : now.length === 0;
    });
    const disconnect: { plug: string; slot: string }[] = [];
    if (profile.exclusive) {
      for (const [plug, slots] of connectedSlots) {
        for (const slot of slots) {
          const wanted = profile.connections.some((w) => w.plug === plug && (!w.slot || w.slot === slot));
          if (!wanted) disconnect.push({ plug, slot });
        }
      }
    }
    const missing = profile.connections.filter((w) => !declared.has(w.plug)).map((w) => w.plug);
    return {
      host: host.id,
      hostname,
      ...(missing.length ? { error: `${profile.snap} on this host has no plug ${missing.join(', ')}` } : {}),
      connect: connect.filter((w) => declared.has(w.plug)),
      disconnect,
    };
  } catch (e) {
    return { host: host.id, hostname, error: describeFailure(e), connect: [], disconnect: [] };
  }
}

export function planAll(hosts: readonly Host[], profile: Profile): Promise<HostPlan[]> {
  return mapLimit(hosts, FLEET_CONCURRENCY, (h) => planFor(h, profile));
}
