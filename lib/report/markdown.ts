import type { HostPosture, PostureReport } from '../contracts/report';

/**
 * The posture report as Markdown. PURE. Dates appear only in the title block and
 * the signature; every list is sorted by the builder, so `diff` of two reports
 * shows only what changed on the hosts.
 */

/** A table cell: pipes and line breaks would break the row. */
function cell(text: string | number | null): string {
  return String(text ?? '–').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: (string | number | null)[][]): string[] {
  if (rows.length === 0) return ['None.'];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function section(title: string, body: string[]): string[] {
  return [`### ${title}`, '', ...body, ''];
}

function hostSection(h: HostPosture): string[] {
  const snapd = h.snapd.reachable
    ? `snapd ${h.snapd.version ?? 'version unknown'}, system confinement ${h.snapd.confinement ?? 'unknown'}.`
    : 'snapd could not be reached: the snap sections below are empty for that reason.';
  const d = h.denials;
  return [
    `## ${h.hostname}`,
    '',
    snapd,
    '',
    ...(h.problems.length ? ['Could not read:', '', ...h.problems.map((p) => `- ${p}`), ''] : []),
    ...section(`Unconfined snaps (${h.unconfined.length})`, [
      'Classic snaps run without confinement; devmode snaps only log what strict confinement would deny.',
      '',
      ...table(['snap', 'confinement', 'version', 'revision', 'publisher'], h.unconfined.map((u) => [u.snap, u.confinement, u.version, u.revision, u.publisher])),
    ]),
    ...section(`Super-privileged connections (${h.superPrivileged.length})`, table(['plug', 'interface', 'slot', 'manual'], h.superPrivileged.map((c) => [c.plug, c.interface, c.slot, c.manual ? 'yes' : 'no']))),
    ...section(`Manual connections (${h.manual.length})`, table(['plug', 'interface', 'slot'], h.manual.map((c) => [c.plug, c.interface, c.slot]))),
    ...section(`Required plugs not connected (${h.requiredUnconnected.length})`, [
      'A strict MicroK8s does not start until these are connected.',
      '',
      ...table(['plug', 'interface'], h.requiredUnconnected.map((r) => [r.plug, r.interface])),
    ]),
    ...section(`Snaps not healthy (${h.unhealthy.length})`, table(['snap', 'health'], h.unhealthy.map((u) => [u.snap, u.health]))),
    ...section(`Denials, last ${d.range}`, [
      d.readable
        ? `${d.total} AppArmor/seccomp denials; ${d.dropped} kernel log lines suppressed by the kernel.`
        : 'No kernel log source could be read: denials unknown.',
      '',
      ...table(['snap', 'denials'], d.bySnap.map((s) => [s.snap, s.count])),
      '',
      ...(d.top.length ? ['Most frequent:', '', ...table(['snap', 'kind', 'access', 'count', 'answer'], d.top.map((t) => [t.snap, t.kind, t.what, t.count, t.answer]))] : []),
    ]),
  ];
}

export function postureMarkdown(r: PostureReport): string {
  const names = r.signature.hostnames.join(', ');
  const lines = [
    `# Snap confinement posture: ${names}`,
    '',
    `Generated ${r.generatedAt} by ${r.generator}.`,
    '',
    ...r.hosts.flatMap(hostSection),
    '---',
    '',
    `Signed: ${names} · ${r.signature.generatedAt} · posture digest \`${r.signature.digest}\``,
    '',
  ];
  // No trailing spaces, at most one blank line in a row: clean diffs.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
