#!/usr/bin/env node
// Builds lib/microk8s/catalog-data.json from the branch-tip addons.yaml files vendored under
// test/fixtures/microk8s/addons/<release>/{core,community}-addons.yaml.
//
//   node scripts/build-catalog.mjs            # write lib/microk8s/catalog-data.json
//   node scripts/build-catalog.mjs --check    # exit 1 if the checked-in file is stale
//   node scripts/build-catalog.mjs --vendor core=<git dir> community=<git dir>
//       # re-copy addons.yaml from the tip of every release branch of local (bare) clones of
//       # canonical/microk8s-core-addons and -community-addons, record branch, tip and blob in
//       # sources.json, then build. Only this mode needs the clones; building needs neither
//       # network nor anything outside the repository.
//
// Why branch tips: the snap for release 1.N bundles addons.yaml from branch 1.N of both
// repositories (canonical/microk8s build-scripts/addons/repositories.sh). Nothing here is derived
// from another release or from a reference text; each release is exactly what its branches say.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = 'test/fixtures/microk8s/addons';
const SOURCES = `${FIXTURES}/sources.json`;
const REASONS = 'lib/microk8s/classic-reasons.json';
const OUT = 'lib/microk8s/catalog-data.json';

export const RELEASES = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];
export const REPOSITORIES = /** @type {const} */ (['core', 'community']);
const REPO_NAMES = { core: 'canonical/microk8s-core-addons', community: 'canonical/microk8s-community-addons' };

export const fixturePath = (release, repository) => `${FIXTURES}/${release}/${repository}-addons.yaml`;

/** The id git gives a file's content (`git hash-object`): proves a fixture is upstream's blob, byte for byte. */
export function gitBlobId(bytes) {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

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

/** The same reading as parseAddonsYaml() in lib/microk8s/catalog.ts, minus the reasons (a test checks they agree). */
export function addonsFromYaml(text, repository) {
  const list = parse(text)?.['microk8s-addons']?.addons;
  if (!Array.isArray(list)) throw new Error(`${repository}: not an addons.yaml (no microk8s-addons.addons list)`);
  return list.map((a) => ({
    name: String(a.name),
    repository,
    description: String(a.description ?? ''),
    version: a.version === undefined || a.version === null || String(a.version) === '' ? null : String(a.version),
    confinement: confinementOf(a.confinement),
    architectures: Array.isArray(a.supported_architectures) ? a.supported_architectures.map(String) : [],
  }));
}

function isCitationList(v) {
  return Array.isArray(v) && v.length > 0 && v.every((c) => typeof c?.label === 'string' && c.label && /^https:\/\//.test(c?.url ?? ''));
}

/**
 * The page tells "MicroK8s says" from "our reading", so an entry that blurs the two must not
 * build: every entry states its source and cites what it rests on.
 */
export function reasonProblems(name, r) {
  const problems = [];
  if (typeof r?.reason !== 'string' || !r.reason.trim()) problems.push('no reason text');
  if (!isCitationList(r?.basis)) problems.push('basis must be a non-empty list of {label, url: https://…}');
  if (r?.reasonSource === 'upstream') {
    if (r.reading !== undefined && (typeof r.reading?.of !== 'string' || typeof r.reading?.text !== 'string' || !isCitationList(r.reading?.basis))) {
      problems.push('reading must be {of, text, basis}');
    }
  } else if (r?.reasonSource === 'reading') {
    if (typeof r.readingOf !== 'string' || !r.readingOf) problems.push('a reading must say what was read (readingOf)');
    if (typeof r.upstream !== 'string' || !r.upstream) problems.push('a reading must say what upstream does say (upstream)');
  } else {
    problems.push('reasonSource must be "upstream" or "reading"');
  }
  return problems.map((p) => `classic-reasons.json ${name}: ${p}`);
}

/** @typedef {{ repo: string, branch: string, commit: string, committedAt: string, path: string, blob: string, fixture: string }} Source */

/** @param {(rel: string) => Buffer} [read] how to read a file of the repository (tests swap one file) */
export function buildCatalog(read = (rel) => readFileSync(path.join(ROOT, rel))) {
  const sources = JSON.parse(read(SOURCES).toString('utf8'));
  const reasons = JSON.parse(read(REASONS).toString('utf8')).reasons;
  const problems = [];
  const classicNames = new Set();
  const releases = RELEASES.map((release) => {
    const recorded = sources.releases?.[release];
    if (!recorded) throw new Error(`${SOURCES} has no release ${release}`);
    /** @type {Record<'core' | 'community', Source>} */
    const releaseSources = /** @type {Record<'core' | 'community', Source>} */ ({});
    let addons = [];
    for (const repository of REPOSITORIES) {
      const s = recorded[repository];
      const fixture = fixturePath(release, repository);
      const bytes = read(fixture);
      if (gitBlobId(bytes) !== s.blob) problems.push(`${fixture} is not blob ${s.blob} of ${s.branch} (edited by hand?)`);
      releaseSources[repository] = {
        repo: REPO_NAMES[repository],
        branch: s.branch,
        commit: s.commit,
        committedAt: s.committedAt,
        path: 'addons.yaml',
        blob: s.blob,
        fixture,
      };
      const list = addonsFromYaml(bytes.toString('utf8'), repository).sort((a, b) => a.name.localeCompare(b.name));
      addons = addons.concat(list);
    }
    for (const a of addons) {
      if (a.confinement !== 'classic') continue;
      classicNames.add(a.name);
      if (!reasons[a.name]) problems.push(`${release} ${a.repository}/${a.name} is classic-only but ${REASONS} has no entry for it`);
    }
    return { release, sources: releaseSources, addons };
  });
  for (const [name, r] of Object.entries(reasons)) {
    problems.push(...reasonProblems(name, r));
    if (!classicNames.has(name)) problems.push(`${REASONS} ${name}: no release has it classic-only (stale entry)`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return {
    $comment: `GENERATED by scripts/build-catalog.mjs from ${FIXTURES}/<release>/*-addons.yaml (branch tips, see sources.json); do not edit by hand.`,
    releases,
  };
}

export function serialise(catalog) {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

function vendor(dirs) {
  const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 24 });
  const out = { $comment: 'Written by scripts/build-catalog.mjs --vendor: for each release, the branch, its tip commit and the addons.yaml blob each fixture is a copy of.', snapshots: {}, releases: {} };
  for (const repository of REPOSITORIES) {
    out.snapshots[repository] = { repo: REPO_NAMES[repository], main: git(dirs[repository], 'rev-parse', 'refs/heads/main').toString().trim() };
  }
  for (const release of RELEASES) {
    out.releases[release] = {};
    for (const repository of REPOSITORIES) {
      const dir = dirs[repository];
      const ref = `refs/heads/${release}`;
      const bytes = git(dir, 'show', `${ref}:addons.yaml`);
      const fixture = fixturePath(release, repository);
      mkdirSync(path.dirname(path.join(ROOT, fixture)), { recursive: true });
      writeFileSync(path.join(ROOT, fixture), bytes);
      out.releases[release][repository] = {
        branch: release,
        commit: git(dir, 'rev-parse', ref).toString().trim(),
        committedAt: git(dir, 'log', '-1', '--format=%cI', ref).toString().trim(),
        blob: git(dir, 'rev-parse', `${ref}:addons.yaml`).toString().trim(),
      };
    }
  }
  writeFileSync(path.join(ROOT, SOURCES), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`vendored ${RELEASES.length * REPOSITORIES.length} addons.yaml files into ${FIXTURES}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (args[0] === '--vendor') {
    const dirs = Object.fromEntries(args.slice(1).map((a) => a.split(/=(.*)/s).slice(0, 2)));
    if (!dirs.core || !dirs.community) {
      console.error('usage: node scripts/build-catalog.mjs --vendor core=<git dir> community=<git dir>');
      process.exit(2);
    }
    vendor(dirs);
  }
  const text = serialise(buildCatalog());
  if (args.includes('--check')) {
    if (readFileSync(path.join(ROOT, OUT), 'utf8') !== text) {
      console.error(`${OUT} is stale: run node scripts/build-catalog.mjs`);
      process.exit(1);
    }
    console.log(`${OUT} is up to date`);
  } else {
    writeFileSync(path.join(ROOT, OUT), text);
    console.log(`wrote ${OUT}`);
  }
}
