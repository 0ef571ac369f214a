import { InvalidInput } from '../errors/problem';
import type { ReleaseComparison } from '../contracts/microk8s';
import { CATALOG_RELEASES, catalogFor, compareReleases, worksUnderStrict } from './catalog';

/** What changes between two releases of the catalog, and what the other one cannot run under strict confinement. */
export function releaseComparison(from: string, to: string): ReleaseComparison {
  for (const release of [from, to]) {
    if (!CATALOG_RELEASES.includes(release)) throw new InvalidInput('bad-release', `releases must be one of ${CATALOG_RELEASES.join(', ')}`);
  }
  return {
    from,
    to,
    ...compareReleases(from, to),
    classicOnly: catalogFor(to).filter((a) => !worksUnderStrict(a)).map((a) => `${a.repository}/${a.name}`),
    releases: [...CATALOG_RELEASES],
  };
}
