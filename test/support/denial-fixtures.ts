import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseDenials, type Denial } from '../../lib/denials/parse';

/** Real public log lines; test/fixtures/denials/SOURCES.md gives the source of every line. */
export const DENIAL_LOGS = fileURLToPath(new URL('../fixtures/denials/', import.meta.url));
/** Transcripts of the snapd lab (`snap connections …` output, REST API answers). */
export const SNAPD_LAB = fileURLToPath(new URL('../fixtures/snapd-lab/', import.meta.url));

/** The whole text of a log in test/fixtures/denials/. */
export function denialLog(name: string): string {
  return readFileSync(`${DENIAL_LOGS}${name}`, 'utf8');
}

/** Line n (1-based, as an editor shows it) of a log in test/fixtures/denials/; '' past the end. */
export function lineOf(name: string, n: number): string {
  return denialLog(name).split('\n')[n - 1] ?? '';
}

/** The first denial of a line; throws when there is none, so a fixture that stopped parsing fails loudly. */
export function denial(line: string): Denial {
  const d = parseDenials(line)[0];
  if (!d) throw new Error(`not a denial: ${line}`);
  return d;
}

/** The one denial a line must give (the test fails when it gives none or several). */
export function one(line: string): Denial {
  const ds = parseDenials(line);
  expect(ds).toHaveLength(1);
  return ds[0] as Denial;
}
