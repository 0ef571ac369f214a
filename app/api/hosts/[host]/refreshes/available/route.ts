// The same handlers as /api/refreshes/available, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/refreshes/available/route';
