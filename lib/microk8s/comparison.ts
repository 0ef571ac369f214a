import { InvalidInput } from '../errors/problem';
import type { ReleaseComparison } from '../contracts/microk8s';
import { CATALOG_RELEASES, catalogFor, compareCatalogs, worksUnderStrict, type CatalogAddon } from './catalog';

/**
 * This host's release against another: the addons only one of them has, the ones whose
 * confinement differs, and what the other release cannot run under strict confinement.
 * `installed` is the host's own addon repositories when it has them: they, not the
 * release branch's tip, are what this host offers (a snap revision can lag or lead its branch).
 */
export function releaseComparison(from: string, to: string, installed: readonly CatalogAddon[] | null = null): ReleaseComparison {
  for (const release of [from, to]) {
    if (!CATALOG_RELEASES.includes(release)) throw new InvalidInput('bad-release', `releases must be one of ${CATALOG_RELEASES.join(', ')}`);
  }
  const { added, removed, confinementChanged } = compareCatalogs(installed ?? catalogFor(from), catalogFor(to));
  return {
    from,
    to,
    fromSource: installed ? 'host' : 'bundled',
    onlyInFrom: removed,
    onlyInTo: added,
    confinementChanged,
    classicOnly: catalogFor(to).filter((a) => !worksUnderStrict(a)).map((a) => `${a.repository}/${a.name}`),
    releases: [...CATALOG_RELEASES],
  };
}
