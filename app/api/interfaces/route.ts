import { withAuth } from '@/lib/auth/with-auth';
import { domain } from '@/lib/api/errors';
import { interfacesInUse } from '@/lib/snap/queries';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json({ interfaces: await domain(interfacesInUse) }));
