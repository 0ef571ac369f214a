import { withAuth } from '@/lib/auth/with-auth';
import { currentHost } from '@/lib/host';
import { interfacesInUse } from '@/lib/snap/queries';
import type { InterfacesResponse } from '@/lib/contracts/interfaces';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json({ interfaces: await interfacesInUse(currentHost()) } satisfies InterfacesResponse));
