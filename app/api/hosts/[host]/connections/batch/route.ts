// The same handler as /api/connections/batch, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { POST } from '@/app/api/connections/batch/route';
