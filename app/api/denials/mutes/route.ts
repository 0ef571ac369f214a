import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { appendAudit } from '@/lib/audit/log';
import { addMute, listMutes, removeMute } from '@/lib/denials/mutes';
import { muteBodySchema, unmuteQuerySchema, type DenialMute, type DenialMutesResponse } from '@/lib/contracts/denials';

export const dynamic = 'force-dynamic';

/** The denial groups muted on this host. */
export const GET = withAuth(async (_req, { params }) => Response.json({ mutes: listMutes((await hostOf(params)).id) } satisfies DenialMutesResponse));

/** Mutes a denial group as known noise (audited; reversible with DELETE). */
export const POST = withAuth(async (req, { params, auth }) => {
  const host = await hostOf(params);
  const { key, note } = await readJsonBody(req, muteBodySchema, 4096);
  const mute = await addMute(host.id, key, note ?? null);
  await appendAudit({ host: await host.hostname().catch(() => undefined), action: 'denial.mute', target: mute.label, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result: 'ok', changeId: null, error: null, details: { key, note: mute.note } });
  return Response.json(mute satisfies DenialMute);
});

/** Lifts a mute (audited). */
export const DELETE = withAuth(async (req, { params, auth }) => {
  const host = await hostOf(params);
  const { key } = parseQuery(req, unmuteQuerySchema);
  const mute = await removeMute(host.id, key);
  await appendAudit({ host: await host.hostname().catch(() => undefined), action: 'denial.unmute', target: mute.label, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result: 'ok', changeId: null, error: null, details: { key } });
  return Response.json(mute satisfies DenialMute);
});
