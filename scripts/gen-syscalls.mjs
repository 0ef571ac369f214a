#!/usr/bin/env node
/**
 * Generates lib/denials/syscalls.json: per architecture, a map from syscall number to name, as
 * libseccomp knows them. Seccomp denials in the kernel log carry only `arch=<AUDIT_ARCH hex>` and
 * `syscall=<number>`; the number means something different on every architecture, so the parser
 * needs these tables.
 *
 * Source of truth: `scmp_sys_resolver` from Debian's `seccomp` package (libseccomp's own syscall
 * tables). Install it with `apt-get install -y seccomp`. The tool has no option to list its table
 * (see scmp_sys_resolver(1): only `-a ARCH`, `-t` and a NAME or NUMBER), so this script asks it
 * for every number in a range and keeps the answers that are not "UNKNOWN".
 *
 * Ranges asked: 0..1023 on every architecture (the highest syscall number in libseccomp 2.5.x is
 * in the 400s), plus the ARM private syscalls at 0x0f0000..0x0f00ff (__ARM_NR_BASE: breakpoint,
 * cacheflush, usr26, usr32, set_tls, get_tls) on arm. The script fails if any architecture's
 * highest answer lies within 32 of the top of the range, so a future libseccomp with bigger
 * numbers cannot be silently cut off.
 *
 * Usage: node scripts/gen-syscalls.mjs [--out lib/denials/syscalls.json]
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// libseccomp architecture names → the AUDIT_ARCH value the kernel logs for them (linux/audit.h).
const ARCHES = {
  x86_64: 'c000003e',
  x86: '40000003',
  aarch64: 'c00000b7',
  arm: '40000028',
  ppc64le: 'c0000015',
  s390x: '80000016',
  riscv64: 'c00000f3',
};

const RANGE_TOP = 1024;
const ARM_PRIVATE = [0x0f0000, 0x0f0100];
const CONCURRENCY = 16;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outFile = path.resolve(repoRoot, outArg > 0 ? process.argv[outArg + 1] : 'lib/denials/syscalls.json');

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!which('scmp_sys_resolver')) {
  console.error('scmp_sys_resolver not found: install it with `apt-get install -y seccomp` (Debian/Ubuntu).');
  process.exit(1);
}

function libseccompVersion() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libseccomp2'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (dpkg-query unavailable)';
  }
}

async function resolve(arch, nr) {
  const { stdout } = await run('scmp_sys_resolver', ['-a', arch, String(nr)]);
  const name = stdout.trim();
  return name && name !== 'UNKNOWN' && /^[a-z0-9_]+$/.test(name) ? name : null;
}

async function table(arch) {
  const numbers = [];
  for (let n = 0; n < RANGE_TOP; n++) numbers.push(n);
  if (arch === 'arm') for (let n = ARM_PRIVATE[0]; n < ARM_PRIVATE[1]; n++) numbers.push(n);
  const map = new Map();
  let next = 0;
  async function worker() {
    while (next < numbers.length) {
      const n = numbers[next++];
      const name = await resolve(arch, n);
      if (name) map.set(n, name);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const sorted = [...map.entries()].sort((a, b) => a[0] - b[0]);
  const highest = sorted.filter(([n]) => n < RANGE_TOP).at(-1)?.[0] ?? -1;
  if (highest >= RANGE_TOP - 32) {
    throw new Error(`${arch}: syscall ${highest} is close to the top of the scanned range; raise RANGE_TOP`);
  }
  return Object.fromEntries(sorted.map(([n, name]) => [String(n), name]));
}

const version = libseccompVersion();
const tables = {};
for (const arch of Object.keys(ARCHES)) {
  tables[arch] = await table(arch);
  console.error(`${arch}: ${Object.keys(tables[arch]).length} syscalls`);
}

// One architecture per line keeps the file small and its diffs readable.
const header = {
  generatedBy: 'scripts/gen-syscalls.mjs',
  method:
    'scmp_sys_resolver -a ARCH N for N in 0..1023 (and 0x0f0000..0x0f00ff on arm); answers other than UNKNOWN kept',
  libseccomp: version,
  auditArch: ARCHES,
};
const lines = [`{"about":${JSON.stringify(header)},`, '"tables":{'];
const archNames = Object.keys(tables);
archNames.forEach((arch, i) => {
  lines.push(`${JSON.stringify(arch)}:${JSON.stringify(tables[arch])}${i < archNames.length - 1 ? ',' : ''}`);
});
lines.push('}}');
writeFileSync(outFile, `${lines.join('\n')}\n`);
console.error(`wrote ${path.relative(repoRoot, outFile)} (libseccomp ${version})`);
