import type { Citation, ClassicOnlyReason } from '@/lib/microk8s/catalog';

/** One-line summary for a tooltip: who says it comes first, so a reading never passes for upstream's word. */
export function classicReasonSummary(r: ClassicOnlyReason): string {
  return r.reasonSource === 'upstream' ? `MicroK8s says: ${r.reason}` : `MicroK8s states no reason. Our reading: ${r.reason}`;
}

function Sources({ basis, testId }: { basis: Citation[]; testId: string }) {
  if (!basis.length) return null;
  return (
    <details className="mt-0.5" data-testid={testId}>
      <summary className="cursor-pointer text-slate-600 hover:underline dark:text-slate-400">Sources ({basis.length})</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {basis.map((c) => (
          <li key={c.url}>
            <a href={c.url} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline dark:text-indigo-300">
              {c.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Why a classic-only addon is hidden on strict MicroK8s, with upstream's word and our reading kept
 * apart: the two carry different weight, and the audit of 2026-12 found readings stated as fact.
 */
export function ClassicReason({ reason, testId }: { reason: ClassicOnlyReason; testId: string }) {
  const label = 'font-semibold text-slate-900 dark:text-slate-100';
  return (
    <div className="mt-1 space-y-1 text-xs text-slate-700 dark:text-slate-300" data-testid={testId} data-reason-source={reason.reasonSource}>
      <p>Not available under strict; use the classic snap.</p>
      {reason.reasonSource === 'upstream' ? (
        <>
          <div>
            <p><span className={label}>MicroK8s says:</span> {reason.reason}</p>
            <Sources basis={reason.basis} testId={`${testId}-basis`} />
          </div>
          {reason.reading ? (
            <div>
              <p><span className={label}>Our reading of {reason.reading.of}:</span> {reason.reading.text}</p>
              <Sources basis={reason.reading.basis} testId={`${testId}-reading-basis`} />
            </div>
          ) : null}
        </>
      ) : (
        <div>
          <p><span className={label}>MicroK8s states no reason:</span> {reason.upstream}</p>
          <p>{reason.readingOf ? <span className={label}>Our reading of {reason.readingOf}: </span> : null}{reason.reason}</p>
          <Sources basis={reason.basis} testId={`${testId}-basis`} />
        </div>
      )}
    </div>
  );
}
