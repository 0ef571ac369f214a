import { withQuery } from './query';

/**
 * GET /api/report?format=md|json: the posture report of the dashboard's hosts,
 * as a download. Dated and signed with the hostnames; everything else in it is
 * sorted and free of timestamps, so two reports diff to what really changed.
 *
 * The query schema lives in report-query.ts: the Overview only links here, and
 * importing zod would add ~20 kB to its first load.
 */
export const REPORT_PATH = '/api/report';
export const REPORT_FORMATS = ['md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function reportUrl(format: ReportFormat): string {
  return withQuery(REPORT_PATH, { format });
}

export const POSTURE_SCHEMA = 'confinement-dashboard-posture/1';
/** The window of the denial summary (the Denials page's default range). */
export const REPORT_DENIAL_RANGE = '24h';
/** Denial groups listed per host, most frequent first. */
export const REPORT_TOP_DENIALS = 15;

export interface HostPosture {
  /** The host's own name (as `hostname` prints it). */
  hostname: string;
  snapd: { reachable: boolean; version: string | null; confinement: 'strict' | 'partial' | null };
  /** classic and devmode snaps: not confined by AppArmor/seccomp at all (devmode only logs). */
  unconfined: { snap: string; confinement: 'classic' | 'devmode'; version: string; revision: string; publisher: string | null }[];
  superPrivileged: { plug: string; interface: string; slot: string; manual: boolean }[];
  manual: { plug: string; interface: string; slot: string }[];
  /** A strict MicroK8s's required plugs that are not connected. */
  requiredUnconnected: { plug: string; interface: string | null }[];
  unhealthy: { snap: string; health: string }[];
  denials: {
    range: typeof REPORT_DENIAL_RANGE;
    readable: boolean;
    total: number;
    dropped: number;
    bySnap: { snap: string; count: number }[];
    top: { snap: string; kind: string; what: string; count: number; answer: string }[];
  };
  /** Parts that could not be read; their sections are then empty and say so. */
  problems: string[];
}

export interface PostureReport {
  schema: typeof POSTURE_SCHEMA;
  generatedAt: string;
  generator: string;
  hosts: HostPosture[];
  /**
   * Signed with the hostnames it covers, at its date. `digest` is the SHA-256 of the
   * `hosts` part: equal digests mean the same posture on two dates. It is a checksum,
   * not a proof of origin (anyone can compute it).
   */
  signature: { hostnames: string[]; generatedAt: string; digest: string };
}
