import { NotFoundPanel } from '@/components/layout/not-found-panel';

/** notFound() below this layout: HTTP 404, with the app's frame around it. */
export default function NotFound() {
  return <NotFoundPanel />;
}
