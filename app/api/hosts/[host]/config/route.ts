import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { appendAudit } from '@/lib/audit/log';
import { InvalidInput } from '@/lib/errors/problem';
import { hostEntrySchema, type HostEntry } from '@/lib/host/registry';
import { removeHost, saveHost } from '@/lib/fleet/hosts-file';

export const dynamic = 'force-dynamic';

const bodySchema = hostEntrySchema.omit({ id: true }).strict();

/** PUT: add or change an SSH host of hosts.yaml; DELETE: remove it. Both audited. */
export const PUT = withAuth<{ host: string }>(async (req, { params, auth }) => {
  const { host } = await params;
  const entry = hostEntrySchema.safeParse({ ...(await readJsonBody(req, bodySchema)), id: host });
  if (!entry.success) throw new InvalidInput('bad-name', `invalid host id: ${JSON.stringify(host.slice(0, 64))} (lower-case letters, digits and dashes)`);
  const saved = saveHost(entry.data);
  await appendAudit({ action: 'host.save', target: host, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result: 'ok', changeId: null, error: null, details: { ssh: saved.ssh, port: saved.port ?? null, sudo: saved.sudo ?? false } });
  return Response.json(saved satisfies HostEntry);
});

export const DELETE = withAuth<{ host: string }>(async (_req, { params, auth }) => {
  const { host } = await params;
  removeHost(host);
  await appendAudit({ action: 'host.remove', target: host, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result: 'ok', changeId: null, error: null });
  return Response.json({ ok: true });
});
