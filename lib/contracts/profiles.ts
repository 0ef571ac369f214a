import { z } from 'zod';
import { isValidPlugOrSlotName, isValidSnapName } from '../validation/names';
import type { Job } from './jobs';

/**
 * A profile: the connections one snap should have on a host ("strict MicroK8s
 * 1.31 node": the 23 required plugs plus extras). Kept as
 * `<stateDir>/profiles/NAME.yaml`; GET/PUT /api/profiles/{name}.
 */

export const PROFILE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;
export const PROFILES_KEY = '/api/profiles';
export function profileKey(name: string): string {
  return `/api/profiles/${encodeURIComponent(name)}`;
}

const endpoint = z.string().max(200).regex(/^[a-z0-9-]*:[a-z0-9-]+$|^[a-z0-9-]+$/, 'a slot as "snap:slot", ":slot" or "snap"');

export const profileConnectionSchema = z
  .object({
    plug: z.string().refine(isValidPlugOrSlotName, 'invalid plug name'),
    /** The slot to connect it to; left out, snapd picks (as `snap connect SNAP:PLUG` does). */
    slot: endpoint.optional(),
  })
  .strict();

export const profileSchema = z
  .object({
    name: z.string().regex(PROFILE_NAME),
    snap: z.string().refine(isValidSnapName, 'invalid snap name'),
    description: z.string().max(500).optional(),
    /** Also disconnect the snap's connected plugs that the profile does not list. */
    exclusive: z.boolean().default(false),
    connections: z.array(profileConnectionSchema).max(500),
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;

/** PUT body: the profile itself, or "the connections SNAP has on HOST now". */
export const putProfileSchema = z.union([
  profileSchema.omit({ name: true }).strict(),
  z
    .object({
      fromHost: z.string().max(64),
      snap: z.string().refine(isValidSnapName, 'invalid snap name'),
      description: z.string().max(500).optional(),
      exclusive: z.boolean().default(true),
    })
    .strict(),
]);

export interface ProfilesResponse {
  profiles: Profile[];
  /** Files in the profiles folder that could not be read, with the reason. */
  errors: { file: string; error: string }[];
}

/** POST /api/profiles/{name}/plan and /apply: `{ "hosts": ["node-2", …] }`. */
export const profileHostsSchema = z.object({ hosts: z.array(z.string().max(64)).min(1).max(200) }).strict();

export interface PlannedChange {
  plug: string;
  slot?: string;
}

export interface HostPlan {
  host: string;
  hostname: string | null;
  error?: string;
  connect: PlannedChange[];
  disconnect: Required<PlannedChange>[];
}

export interface PlanResponse {
  profile: string;
  plans: HostPlan[];
}

export type ApplyResponse = Job;
