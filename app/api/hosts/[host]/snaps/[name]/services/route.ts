// The same handler as /api/snaps/{name}/services, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/snaps/[name]/services/route';
