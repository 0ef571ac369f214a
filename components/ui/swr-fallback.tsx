'use client';
import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';

export function SwrFallback({ fallback, children }: { fallback: Record<string, unknown>; children: ReactNode }) {
  return <SWRConfig value={{ fallback }}>{children}</SWRConfig>;
}
