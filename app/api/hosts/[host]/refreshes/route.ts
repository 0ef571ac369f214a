// The same handler as /api/refreshes, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/refreshes/route';
