import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { microk8sOverview } from '@/lib/microk8s/queries';
import type { Microk8sResponse } from '@/lib/contracts/microk8s';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (_req, { params }) => Response.json((await microk8sOverview(await hostOf(params))) satisfies Microk8sResponse));
