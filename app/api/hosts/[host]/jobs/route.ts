// The same handlers as /api/jobs, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET, POST } from '@/app/api/jobs/route';
