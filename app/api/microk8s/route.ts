import { withAuth } from '@/lib/auth/with-auth';
import { currentHost } from '@/lib/host';
import { microk8sOverview } from '@/lib/microk8s/queries';
import type { Microk8sResponse } from '@/lib/contracts/microk8s';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json((await microk8sOverview(currentHost())) satisfies Microk8sResponse));
