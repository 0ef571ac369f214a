import { withAuth } from '@/lib/auth/with-auth';
import { allHosts } from '@/lib/host';
import { fleetOverview } from '@/lib/fleet/overview';
import type { FleetResponse } from '@/lib/contracts/fleet';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json({ rows: await fleetOverview(allHosts()), generatedAt: new Date().toISOString() } satisfies FleetResponse));
