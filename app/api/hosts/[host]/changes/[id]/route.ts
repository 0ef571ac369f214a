// The same handler as /api/changes/{id}, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { GET } from '@/app/api/changes/[id]/route';
