'use client';
import { Moon, Sun } from 'lucide-react';

/**
 * The choice lives in a cookie so the server renders the right class on <html>
 * (no inline script, which the CSP forbids, and no flash).
 */
export function ThemeToggle() {
  const toggle = () => {
    const html = document.documentElement;
    const isDark = html.classList.contains('dark') || (!html.classList.contains('light') && window.matchMedia('(prefers-color-scheme: dark)').matches);
    const dark = !isDark;
    html.classList.toggle('dark', dark);
    html.classList.toggle('light', !dark);
    document.cookie = `theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=strict`;
  };
  return (
    <button type="button" onClick={toggle} className="rounded-md p-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800" aria-label="Switch between light and dark theme">
      <Sun aria-hidden className="hidden h-4 w-4 dark:block" />
      <Moon aria-hidden className="h-4 w-4 dark:hidden" />
    </button>
  );
}
