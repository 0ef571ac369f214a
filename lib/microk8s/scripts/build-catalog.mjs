#!/usr/bin/env node
// Builds lib/microk8s/catalog-data.json from the verbatim addons.yaml copies in
// test/fixtures/microk8s/addons/ and the per-release facts of
// /work/shared/reference/snap-reference.md §5.2.
//
//   node lib/microk8s/scripts/build-catalog.mjs          # write catalog-data.json
//   node lib/microk8s/scripts/build-catalog.mjs --check  # exit 1 if the file is stale
//
// Why a mapping and not one file per release: the stored index we could read holds several
// addons.yaml versions by COMMIT but does not say which branch (1.28 … 1.35) a commit is on, and
// the tips of the release branches were not readable. So each release uses the real copy whose
// addon SET matches §5.2 for that release; where no copy matches, the set is derived from the
// nearest copy plus §5.2 and the release's `source` says exactly what was changed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const FIXTURES = 'test/fixtures/microk8s/addons';
const OUT = path.join(ROOT, 'lib/microk8s/catalog-data.json');

export const RELEASES = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];

const REPOS = {
  core: 'canonical/microk8s-core-addons',
  community: 'canonical/microk8s-community-addons',
};

const FILES = {
  'core-769d3dbb': { repository: 'core', commit: '769d3dbb595067caf0e000d1e9320fa510572187' },
  'core-22f64886': { repository: 'core', commit: '22f64886553ece11dee4c9c0f648213ca59ebe00' },
  'community-1e35bc31': { repository: 'community', commit: '1e35bc31f30d4687b47c3f0bb3069f97fcb5e8eb' },
  'community-1134775d': { repository: 'community', commit: '1134775d63fdc7d1a1770805df7106eddb3436d8' },
  'community-55a2be65': { repository: 'community', commit: '55a2be65d77c6f6a62f7f1f1154dba3a60013455' },
};

/**
 * Per release and repository: which copy, and what (if anything) §5.2 says differs from it.
 * `versions: false` drops the copy's version numbers, because they belong to the copy's commit
 * and not to that release.
 */
const PLAN = {
  core: {
    '1.28': { file: 'core-769d3dbb', versions: true, note: 'Real addons.yaml. Its 23 addons are exactly the §5.2 list for 1.28 (gpu, kube-ovn classic-only; no nvidia).' },
    '1.29': { file: 'core-22f64886', versions: true, note: 'Real addons.yaml. Its 24 addons are exactly the §5.2 list for 1.29–1.35 (adds nvidia; gpu becomes "Alias to nvidia add-on"). This commit is the one that introduced nvidia.' },
    ...Object.fromEntries(
      ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35'].map((r) => [
        r,
        { file: 'core-22f64886', versions: false, note: `Real addons.yaml of an earlier commit whose addon set equals the §5.2 list for ${r}; version numbers dropped (they are that commit's, not ${r}'s). Its descriptions agree with real 1.29+ status outputs.` },
      ]),
    ),
  },
  community: {
    '1.28': {
      file: 'community-1134775d',
      versions: false,
      remove: ['amd'],
      addFrom: { file: 'community-1e35bc31', names: ['ondat'] },
      unclassic: ['cloudnative-pg', 'ngrok'],
      note: 'DERIVED, no real 1.28 copy found. §5.2: the 1.31 list (32 addons) plus ondat; classic-only in 1.28 are cilium, multus, nfs, kata, kwasm, kubearmor and ondat, so cloudnative-pg and ngrok carry no confinement here (§5.2 makes them classic-only from 1.29). Entries taken from community-1134775d (minus amd) and ondat from community-1e35bc31; versions dropped.',
    },
    ...Object.fromEntries(
      ['1.29', '1.30', '1.31', '1.32', '1.33'].map((r) => [
        r,
        {
          file: 'community-1134775d',
          versions: false,
          remove: ['amd'],
          note: `DERIVED from a real addons.yaml: community-1134775d (the commit that added amd) without amd, which §5.2 adds in 1.34. The result is exactly the §5.2 list of 32 addons for ${r}; versions dropped.`,
        },
      ]),
    ),
    '1.34': { file: 'community-1134775d', versions: true, note: 'Real addons.yaml (the commit that added amd). Its 33 addons are exactly the §5.2 list for 1.34.' },
    '1.35': { file: 'community-55a2be65', versions: true, note: 'Real addons.yaml (the commit that added forgejo). Its 34 addons are exactly the §5.2 list for 1.35.' },
  },
};

function confinementOf(raw) {
  if (raw === undefined || raw === null || raw === '') return 'both';
  const text = Array.isArray(raw) ? raw.join(' ') : String(raw);
  // scripts/wrappers/common/utils.py get_available_addons(): `"strict" in confinement`
  const strict = text.includes('strict');
  const classic = text.includes('classic');
  if (strict && classic) return 'both';
  if (strict) return 'strict';
  return 'classic';
}

/** The same reading as parseAddonsYaml() in catalog.ts (a test checks they agree). */
export function addonsFromYaml(text, repository, reasons) {
  const doc = parse(text);
  const list = doc?.['microk8s-addons']?.addons;
  if (!Array.isArray(list)) throw new Error('not an addons.yaml: no microk8s-addons.addons list');
  return list.map((a) => {
    const confinement = confinementOf(a.confinement);
    const version = a.version === undefined || a.version === null || String(a.version) === '' ? null : String(a.version);
    return {
      name: String(a.name),
      repository,
      description: String(a.description ?? ''),
      version,
      confinement,
      architectures: Array.isArray(a.supported_architectures) ? a.supported_architectures.map(String) : [],
      classicOnlyReason: confinement === 'classic' ? (reasons[a.name]?.reason ?? null) : null,
    };
  });
}

export function buildCatalog(read = (rel) => readFileSync(path.join(ROOT, rel), 'utf8')) {
  const reasons = JSON.parse(read('lib/microk8s/classic-reasons.json')).reasons;
  const load = (file) => addonsFromYaml(read(`${FIXTURES}/${file}.yaml`), FILES[file].repository, reasons);
  const releases = RELEASES.map((release) => {
    const sources = {};
    let addons = [];
    for (const repository of ['core', 'community']) {
      const plan = PLAN[repository][release];
      const file = FILES[plan.file];
      let list = load(plan.file);
      if (plan.remove) list = list.filter((a) => !plan.remove.includes(a.name));
      if (plan.addFrom) list = list.concat(load(plan.addFrom.file).filter((a) => plan.addFrom.names.includes(a.name)));
      if (plan.unclassic) {
        list = list.map((a) => (plan.unclassic.includes(a.name) ? { ...a, confinement: 'both', classicOnlyReason: null } : a));
      }
      if (!plan.versions) list = list.map((a) => ({ ...a, version: null }));
      const derived = Boolean(plan.remove || plan.addFrom || plan.unclassic);
      sources[repository] = {
        kind: derived ? 'derived' : 'addons.yaml',
        repo: REPOS[repository],
        branch: null,
        commit: file.commit,
        path: 'addons.yaml',
        fixture: `${FIXTURES}/${plan.file}.yaml`,
        ...(plan.addFrom ? { alsoFrom: `${FIXTURES}/${plan.addFrom.file}.yaml (${plan.addFrom.names.join(', ')}) at commit ${FILES[plan.addFrom.file].commit}` } : {}),
        versionsKept: plan.versions,
        note: `${plan.note} Branch unknown: the index gives the commit, not the branch. Reference: /work/shared/reference/snap-reference.md §5.2.`,
      };
      addons = addons.concat(list.sort((a, b) => a.name.localeCompare(b.name)));
    }
    for (const a of addons) {
      if (a.confinement === 'classic' && !a.classicOnlyReason) {
        throw new Error(`${release} ${a.repository}/${a.name} is classic-only but classic-reasons.json has no reason for it`);
      }
    }
    return { release, sources, addons };
  });
  return {
    $comment: 'GENERATED by lib/microk8s/scripts/build-catalog.mjs from test/fixtures/microk8s/addons/*.yaml — do not edit by hand.',
    releases,
  };
}

export function serialise(catalog) {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = serialise(buildCatalog());
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      console.error('lib/microk8s/catalog-data.json is stale: run node lib/microk8s/scripts/build-catalog.mjs');
      process.exit(1);
    }
    console.log('catalog-data.json is up to date');
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(ROOT, OUT)}`);
  }
}
