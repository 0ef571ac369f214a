import { withAuth } from '@/lib/auth/with-auth';
import { listProfiles } from '@/lib/fleet/profiles';
import type { ProfilesResponse } from '@/lib/contracts/profiles';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json(listProfiles() satisfies ProfilesResponse));
