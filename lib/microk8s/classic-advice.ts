/**
 * What a strict MicroK8s admin is told about classic-only addons. PURE.
 *
 * Moving to classic is not `snap install microk8s --classic` on a host that
 * has the strict snap (snapd answers that it is already installed), and a
 * bare install would also leave the release track (review problem 7). The
 * strict channels are `<release>-strict/<risk>` (e.g. 1.31-strict/stable, the
 * channel this dashboard's own install hint names); the classic snap of the
 * same release is `<release>/<risk>`.
 */
import type { ClassicOnlyReason } from './catalog';

/** The reason in one line, saying whose word it is (upstream's, or the dashboard's reading). */
export function classicReasonText(r: ClassicOnlyReason): string {
  return r.reasonSource === 'upstream' ? `MicroK8s says: ${r.reason}` : `MicroK8s states no reason (${r.upstream}); the dashboard's reading: ${r.reason}`;
}

/** The classic channel of the same release as a strict snap's tracking channel; null when it cannot be told. */
export function classicChannelFor(tracking: string | null): string | null {
  const m = /^(\d+\.\d+)(?:-strict)?(?:\/([a-z]+))?/.exec(tracking ?? '');
  if (!m) return null;
  return `${m[1]}/${m[2] ?? 'stable'}`;
}

export interface MoveStep {
  text: string;
  /** A command to run, when the step is one. */
  command?: string;
}

/** Back up, remove the strict snap, install the classic one on the same release. */
export function moveToClassicSteps(tracking: string | null): MoveStep[] {
  const channel = classicChannelFor(tracking);
  return [
    { text: 'Back up what the cluster holds (workload manifests, persistent volumes); removing the snap deletes its data. A snapshot of the snap\'s data keeps a copy:', command: 'sudo snap save microk8s' },
    { text: 'Remove the strict snap:', command: 'sudo snap remove microk8s' },
    {
      text: channel ? `Install the classic snap on the same release (${channel}):` : 'Install the classic snap on the release you run (the channel of `snap list microk8s` without "-strict"):',
      command: `sudo snap install microk8s --classic --channel=${channel ?? '<release>/stable'}`,
    },
    { text: 'Then enable the addon:', command: 'sudo microk8s enable <addon>' },
  ];
}
