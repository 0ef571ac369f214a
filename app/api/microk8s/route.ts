import { withAuth } from '@/lib/auth/with-auth';
import { domain } from '@/lib/api/errors';
import { microk8sOverview } from '@/lib/microk8s/queries';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json(await domain(microk8sOverview)));
