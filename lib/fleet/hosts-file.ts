import 'server-only';
import { settings } from '../config';
import { InvalidInput, NotFound } from '../errors/problem';
import { ensurePrivateDir } from '../state/private-files';
import { readHostsFile, writeHostsFile, type HostEntry } from '../host/registry';
import { currentHost, hostsFileChanged } from '../host';

/** Adding, changing and removing the SSH hosts of hosts.yaml (the registry picks the change up by itself). */

function current(): HostEntry[] {
  const { entries, error } = readHostsFile(settings().hostsFile);
  if (error) throw new InvalidInput('bad-hosts-file', `${error}. Fix the file by hand first.`);
  return entries;
}

export function configuredHosts(): HostEntry[] {
  return readHostsFile(settings().hostsFile).entries;
}

export function saveHost(entry: HostEntry): HostEntry {
  if (currentHost().capabilities.simulated) throw new InvalidInput('demo-mode', 'The simulated demo host has a simulated fleet (DEMO_FLEET); real hosts are added on a real dashboard.');
  if (entry.id === 'local') throw new InvalidInput('reserved', 'The id "local" is this machine.');
  const entries = current().filter((e) => e.id !== entry.id);
  ensurePrivateDir(settings().stateDir);
  writeHostsFile(settings().hostsFile, [...entries, entry]);
  hostsFileChanged();
  return entry;
}

export function removeHost(id: string): void {
  const entries = current();
  if (!entries.some((e) => e.id === id)) throw new NotFound(`There is no configured host "${id.slice(0, 64)}".`);
  writeHostsFile(settings().hostsFile, entries.filter((e) => e.id !== id));
  hostsFileChanged();
}
