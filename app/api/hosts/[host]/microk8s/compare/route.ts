// The same handlers as /api/microk8s/compare, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/microk8s/compare/route';
