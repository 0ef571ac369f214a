import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { ActivityLog } from '@/components/activity/activity-log';

export const metadata: Metadata = { title: 'Activity' };

export default async function ActivityPage() {
  await requirePageSession();
  return <ActivityLog />;
}
