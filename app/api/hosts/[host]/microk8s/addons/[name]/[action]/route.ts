// The same handler as /api/microk8s/addons/{name}/{action}, for the host this URL names (lib/http/host-param.ts).
export const dynamic = 'force-dynamic';
export { POST } from '@/app/api/microk8s/addons/[name]/[action]/route';
