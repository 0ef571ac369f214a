import { notFound } from 'next/navigation';

/** Any other address: the 404 page inside the app's frame (not Next's bare one). */
export default function UnknownPage() {
  notFound();
}
