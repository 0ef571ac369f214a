import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { pendingChanges } from '@/lib/actions/pending-changes';
import type { PendingChangesResponse } from '@/lib/contracts/pending-changes';

export const dynamic = 'force-dynamic';

/** The host's followed changes (lib/actions/pending-changes.ts): answered from memory, snapd is not asked. */
export const GET = withAuth(async (_req, { params }) => {
  const host = await hostOf(params);
  return Response.json({ changes: pendingChanges(host.id) } satisfies PendingChangesResponse);
});
