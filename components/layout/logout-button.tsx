'use client';
import { useRouter } from 'next/navigation';
import { LogOut } from 'lucide-react';
import { useCsrf } from './session-context';
import { forgetRequestKey } from '@/lib/hooks/request-key';

export function LogoutButton() {
  const csrf = useCsrf();
  const router = useRouter();
  const logout = async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    forgetRequestKey();
    router.replace('/login');
    router.refresh();
  };
  return (
    <button type="button" onClick={logout} className="flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
      <LogOut aria-hidden className="h-4 w-4" />
      Log out
    </button>
  );
}
