import type { ReleaseComparison } from '@/lib/contracts/microk8s';

/** addons.yaml's `confinement` in words: what a MicroK8s of each kind offers. */
const CONFINEMENT_WORDS: Record<string, string> = {
  strict: 'strict only',
  classic: 'classic only',
  both: 'strict and classic',
};

function Entry({ term, children, wide }: { term: string; children: React.ReactNode; wide?: true }) {
  return (
    <div className={wide ? 'sm:col-span-3' : undefined}>
      <dt className="font-medium">{term}</dt>
      <dd className="mt-1 text-slate-700 dark:text-slate-300">{children}</dd>
    </div>
  );
}

/** This host's release against another, headed by where each addon is ("only in 1.31"), never "added"/"removed". */
export function ReleaseComparisonList({ comparison: c }: { comparison: ReleaseComparison }) {
  return (
    <>
      <p className="mt-3 text-xs text-slate-500" data-testid="comparison-source">
        {c.fromSource === 'host'
          ? `${c.from}: the addon repositories installed on this host; ${c.to}: the tip of the ${c.to} branch of the addon repositories.`
          : `Both from the tips of the ${c.from} and ${c.to} branches of the addon repositories (this host's own repositories could not be read).`}
      </p>
      <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-3" data-testid="comparison">
        <Entry term={`Only in ${c.from}`}>{c.onlyInFrom.join(', ') || 'none'}</Entry>
        <Entry term={`Only in ${c.to}`}>{c.onlyInTo.join(', ') || 'none'}</Entry>
        <Entry term="Confinement differs">
          {c.confinementChanged.length
            ? c.confinementChanged.map((x) => `${x.name}: ${CONFINEMENT_WORDS[x.from] ?? x.from} in ${c.from}, ${CONFINEMENT_WORDS[x.to] ?? x.to} in ${c.to}`).join('; ')
            : 'none'}
        </Entry>
        <Entry term={`Classic-only in ${c.to}`} wide>{c.classicOnly.join(', ') || 'none'}</Entry>
      </dl>
    </>
  );
}
