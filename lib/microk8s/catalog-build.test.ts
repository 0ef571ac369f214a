import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, fixturePath, gitBlobId, RELEASES, REPOSITORIES, serialise } from '../../scripts/build-catalog.mjs';

// Everything here reads only files inside the repository: the vendored branch-tip addons.yaml
// files and their sources.json. The upstream clones are needed only to re-vendor them.
const ROOT = path.resolve(import.meta.dirname, '../..');
const readBytes = (rel: string) => readFileSync(path.join(ROOT, rel));
const CHECKED_IN = 'lib/microk8s/catalog-data.json';
const SOURCES = 'test/fixtures/microk8s/addons/sources.json';
const REASONS = 'lib/microk8s/classic-reasons.json';

interface RecordedSource {
  branch: string;
  commit: string;
  committedAt: string;
  blob: string;
}
const sources = JSON.parse(readBytes(SOURCES).toString('utf8')) as { releases: Record<string, Record<'core' | 'community', RecordedSource>> };

/** buildCatalog() over the real files, with one file replaced: shows each guard can fail. */
function buildWith(rel: string, replace: (text: string) => string) {
  return () => buildCatalog((r: string) => (r === rel ? Buffer.from(replace(readBytes(r).toString('utf8'))) : readBytes(r)));
}

describe('the checked-in catalog', () => {
  it('is exactly what the build makes from the vendored fixtures', () => {
    const built = buildCatalog();
    expect(built).toEqual(JSON.parse(readBytes(CHECKED_IN).toString('utf8')));
    // byte-equal too, so `node scripts/build-catalog.mjs --check` agrees
    expect(serialise(built)).toBe(readBytes(CHECKED_IN).toString('utf8'));
  });

  it('covers 1.28 to 1.35, each from the tip of its own release branch in both repositories', () => {
    expect(RELEASES).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    const built = buildCatalog();
    for (const r of built.releases) {
      for (const repository of REPOSITORIES) {
        const s = r.sources[repository];
        expect(s.branch, `${r.release} ${repository}`).toBe(r.release);
        expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(s.commit).toBe(sources.releases[r.release]?.[repository]?.commit);
        expect(s.fixture).toBe(fixturePath(r.release, repository));
      }
    }
  });
});

describe('the vendored addons.yaml fixtures', () => {
  it('are byte for byte the blobs recorded for each branch tip', () => {
    for (const release of RELEASES) {
      for (const repository of REPOSITORIES) {
        const recorded = sources.releases[release]?.[repository];
        expect(recorded?.branch).toBe(release);
        expect(gitBlobId(readBytes(fixturePath(release, repository))), `${release} ${repository}`).toBe(recorded?.blob);
      }
    }
  });

  it('computes git blob ids the way git does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('the build refuses a fixture that was edited', () => {
    const rel = fixturePath('1.31', 'community');
    expect(buildWith(rel, (t) => t.replace('"classic"', '"classic,strict"'))).toThrow(/is not blob .* of 1\.31/);
  });
});

describe('classic-reasons.json guards', () => {
  const edit = (change: (reasons: Record<string, Record<string, unknown>>) => void) =>
    buildWith(REASONS, (text) => {
      const doc = JSON.parse(text) as { reasons: Record<string, Record<string, unknown>> };
      change(doc.reasons);
      return JSON.stringify(doc);
    });

  it('a classic-only addon without an entry does not build', () => {
    expect(edit((r) => delete r.kubearmor)).toThrow(/community\/kubearmor is classic-only but .* has no entry/);
  });

  it('an entry for an addon no release has classic-only does not build', () => {
    expect(edit((r) => (r.dns = { ...r.ngrok }))).toThrow(/dns: no release has it classic-only/);
  });

  it('a reading that does not say what upstream says, or what was read, does not build', () => {
    expect(edit((r) => delete r.nfs?.upstream)).toThrow(/nfs: a reading must say what upstream does say/);
    expect(edit((r) => delete r.nfs?.readingOf)).toThrow(/nfs: a reading must say what was read/);
  });

  it('an entry without a source or without a cited basis does not build', () => {
    expect(edit((r) => delete r.kwasm?.reasonSource)).toThrow(/kwasm: reasonSource must be/);
    expect(edit((r) => r.cilium && (r.cilium.basis = []))).toThrow(/cilium: basis must be a non-empty list/);
    expect(edit((r) => r.cilium && (r.cilium.basis = [{ label: 'x', url: 'ftp://x' }]))).toThrow(/cilium: basis/);
  });
});
