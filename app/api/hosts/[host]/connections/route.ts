// The same handlers as /api/connections, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET, POST, DELETE } from '@/app/api/connections/route';
