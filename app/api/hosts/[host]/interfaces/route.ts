// The same handlers as /api/interfaces, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/interfaces/route';
