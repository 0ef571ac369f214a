/**
 * The hint for snapd's refusal of a content connection, naming the two content tags. PURE module.
 *
 * snapd's base declaration for content (interfaces/builtin/content.go contentBaseDeclarationSlots, 2.57–2.77):
 * `allow-connection: plug-attributes: content: $SLOT(content)`; from 2.72 also `compatibility:
 * $SLOT_COMPAT(compatibility)` as an alternative. A manual connect is checked against it when both snaps carry a
 * store snap-declaration (overlord/ifacestate/helpers.go: snaps installed with --dangerous skip the check); a
 * store's snap-declaration can also refuse a connection whose tags match. The refusal reaches the admin as the
 * failed change's error: `- Connect P:p to S:s (connection not allowed by slot rule of interface "content")`
 * (shared reference §1.5; overlord/state/change.go; ifacestate's task summary "Connect %s:%s to %s:%s").
 */

export interface ContentLabels {
  content?: string;
  compatibility?: string;
}

const REFUSAL = /Connect (\S+) to (\S+) \(connection not allowed by slot rule of interface "content"\)/;

/** The plug and slot snapd names in its refusal (`snap:name`, `:name` for the system snap), or null. */
export function refusedPair(message: string): { plug: string; slot: string } | null {
  const m = REFUSAL.exec(message);
  return m?.[1] && m[2] ? { plug: m[1], slot: m[2] } : null;
}

const GENERIC =
  'snapd connects a content plug only to a slot with the same content tag (its base declaration), and a store assertion ' +
  'may restrict it further. The tags of these two could not be read: compare them with "snap interface content --attrs"; ' +
  'the snap page lists matching slots first.';

/** What to tell the admin, with the labels of the refused plug and slot where known (never guessed). */
export function contentRefusalHint(pair: { plug: string; slot: string } | null, plug: ContentLabels | undefined, slot: ContentLabels | undefined): string {
  if (!pair || !plug || !slot || plug.content === undefined || slot.content === undefined) return GENERIC;
  const { content: want, compatibility: plugCompat } = plug;
  const { content: offer, compatibility: slotCompat } = slot;
  if (plugCompat !== undefined || slotCompat !== undefined) {
    const label = (l: ContentLabels) => `content "${l.content}"${l.compatibility !== undefined ? `, compatibility "${l.compatibility}"` : ''}`;
    return (
      `${pair.plug} has ${label(plug)}; ${pair.slot} has ${label(slot)}. snapd connects them only when the content tags are ` +
      'the same or the compatibility labels are compatible; otherwise pick a slot whose labels match.'
    );
  }
  if (want !== offer) {
    return (
      `${pair.plug} wants content "${want}"; ${pair.slot} offers "${offer}". A content plug connects only to a slot with the ` +
      `same content tag: pick a slot that offers "${want}" (the snap page lists those first).`
    );
  }
  return (
    `${pair.plug} and ${pair.slot} both have content "${want}", so the tags are not why: the refusal comes from the ` +
    "store's rules for these snaps (their snap-declaration assertions). Only the snaps' publishers or the store can change that."
  );
}
