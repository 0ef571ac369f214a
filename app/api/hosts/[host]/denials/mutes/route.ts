// The same handlers as /api/denials/mutes, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET, POST, DELETE } from '@/app/api/denials/mutes/route';
