// The same handlers as /api/interfaces/[name], for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/interfaces/[name]/route';
