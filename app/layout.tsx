import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Confinement Dashboard', template: '%s · Confinement Dashboard' },
  description: 'How the snaps on this host are confined, and their interface connections.',
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get('theme')?.value;
  return (
    <html lang="en" className={theme === 'dark' ? 'dark' : theme === 'light' ? 'light' : undefined}>
      <body>{children}</body>
    </html>
  );
}
