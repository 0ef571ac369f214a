// The same handler as /api/denials/follow, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/denials/follow/route';
