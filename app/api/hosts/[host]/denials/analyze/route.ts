// The same handlers as /api/denials/analyze, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { POST } from '@/app/api/denials/analyze/route';
