import 'server-only';
import type { Host } from '../host';
import { parseInterfaceAttrs } from './attrs-parse';
import { readSnap } from './read';
import type { ContentLabels } from './content-refusal';

export interface ContentTags {
  /** `snap:plug` → its `content` tag */
  plugs: Map<string, string>;
  /** `snap:slot` → its `content` tag */
  slots: Map<string, string>;
  /** `snap:plug` / `snap:slot` → content and compatibility labels */
  labels: Map<string, ContentLabels>;
}

/**
 * Content tags of every content plug and slot on the host, or null when snapd cannot say. `snap connections` prints
 * a tag only on connected rows, but `snap interface content --attrs` prints the `content` attribute (a string,
 * snapd's default being the plug's or slot's name, content.go BeforePrepare*) of each on every snapd, and snapd
 * >= 2.72's `compatibility` label (a string) too.
 */
export async function readContentTags(host: Host): Promise<ContentTags | null> {
  try {
    const r = parseInterfaceAttrs((await readSnap(host, ['interface', '--attrs', 'content'])).stdout);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const labels = new Map<string, ContentLabels>();
    for (const e of [...r.plugs, ...r.slots]) labels.set(`${e.snap}:${e.name}`, { content: str(e.attrs.content), compatibility: str(e.attrs.compatibility) });
    const tags = (list: typeof r.plugs) => new Map(list.filter((e) => typeof e.attrs.content === 'string').map((e) => [`${e.snap}:${e.name}`, e.attrs.content as string]));
    return { plugs: tags(r.plugs), slots: tags(r.slots), labels };
  } catch {
    return null;
  }
}
