import { withAuth } from '@/lib/auth/with-auth';
import { allHosts, hostsConfigError } from '@/lib/host';
import { hostStatuses } from '@/lib/fleet/hosts';
import type { HostsResponse } from '@/lib/contracts/hosts';

export const dynamic = 'force-dynamic';

/** Every host, whether it answers, its own name and snapd's version. */
export const GET = withAuth(async () => Response.json({ hosts: await hostStatuses(allHosts()), configError: hostsConfigError() } satisfies HostsResponse));
