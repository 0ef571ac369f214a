import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { interfacesInUse } from '@/lib/snap/queries';
import type { InterfacesResponse } from '@/lib/contracts/interfaces';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (_req, { params }) => Response.json({ interfaces: await interfacesInUse(await hostOf(params)) } satisfies InterfacesResponse));
