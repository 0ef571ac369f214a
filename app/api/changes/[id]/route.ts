import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { changeTasks, listChanges } from '@/lib/snap/changes';
import type { ChangeResponse } from '@/lib/contracts/changes';

export const dynamic = 'force-dynamic';

/** One change's tasks; 404 when snapd does not know the id (it forgets old ones). */
export const GET = withAuth<{ id: string }>(async (_req, { params }) => {
  const host = await hostOf(params);
  const { id } = await params;
  const tasks = await changeTasks(host, id);
  const change = (await listChanges(host).catch(() => [])).find((c) => c.id === id) ?? null;
  return Response.json({ id, change, tasks } satisfies ChangeResponse);
});
