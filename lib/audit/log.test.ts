import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { AUDIT_FILE, KEPT_ROTATIONS, MAX_AUDIT_FILE_BYTES, appendAudit, readAudit, type AuditInput } from './log';

// settings() is read lazily, at the first append: setting the variable here is early enough.
const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-audit-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;

const base: AuditInput = {
  action: 'interface.connect',
  target: 'firefox:camera :camera',
  sessionId: 's1',
  clientAddress: '127.0.0.1',
  result: 'ok',
  changeId: '42',
  error: null,
};

function auditFiles(): string[] {
  return fs.existsSync(stateDir) ? fs.readdirSync(stateDir).filter((f) => f.startsWith(AUDIT_FILE)).sort() : [];
}

beforeEach(() => {
  fs.rmSync(stateDir, { recursive: true, force: true });
});
afterAll(() => {
  fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('appendAudit', () => {
  it('appends one JSON line with the time, in a 0600 file', async () => {
    await appendAudit(base);
    await appendAudit({ ...base, result: 'error', changeId: null, error: 'snap "x" has no plug named "y"\nsecond line', details: { why: 'test' } });
    const file = path.join(stateDir, AUDIT_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const first = JSON.parse(lines[0]!);
    // Every line names its host: the dashboard's own when the caller gives none.
    expect(first).toEqual({ ...base, host: os.hostname(), time: expect.any(String) });
    expect(Date.now() - Date.parse(first.time)).toBeLessThan(10_000);
    expect(JSON.parse(lines[1]!)).toMatchObject({ result: 'error', error: 'snap "x" has no plug named "y"\nsecond line', details: { why: 'test' } });
  });

  it('fsyncs the line before it resolves', async () => {
    const events: string[] = [];
    const open = fs.promises.open;
    const spy = vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle: FileHandle = await open(...args);
      if (String(args[0]).endsWith(AUDIT_FILE)) {
        const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
        const sync = handle.sync.bind(handle);
        const close = handle.close.bind(handle);
        vi.spyOn(handle, 'write').mockImplementation(((...a: unknown[]) => (events.push('write'), write(...a))) as FileHandle['write']);
        vi.spyOn(handle, 'sync').mockImplementation(() => (events.push('sync'), sync()));
        vi.spyOn(handle, 'close').mockImplementation(() => (events.push('close'), close()));
      }
      return handle;
    });
    await appendAudit(base);
    events.push('resolved');
    expect(events).toEqual(['write', 'sync', 'close', 'resolved']);
    spy.mockRestore();
  });

  it('caps oversized error text and details instead of writing huge lines', async () => {
    await appendAudit({ ...base, error: 'e'.repeat(100_000), details: { blob: 'b'.repeat(100_000) } });
    const [entry] = await readAudit();
    expect(entry!.error).toHaveLength(8 * 1024);
    expect(entry!.details).toEqual({ truncated: true, length: expect.any(Number) });
  });

  it(
    'rotates by size, never above the limit, without losing a line (concurrent appends)',
    async () => {
      // ~16 KiB lines: 5 MiB holds ~320 of them; 1300 lines rotate four times.
      const pad = 'p'.repeat(16 * 1024 - 400);
      const total = 1300;
      await Promise.all(Array.from({ length: total }, (_, i) => appendAudit({ ...base, target: `t${i}`, details: { seq: i, pad } })));

      const files = auditFiles();
      expect(files).toEqual([AUDIT_FILE, `${AUDIT_FILE}.1`, `${AUDIT_FILE}.2`, `${AUDIT_FILE}.3`, `${AUDIT_FILE}.4`]);
      const seen: number[] = [];
      // Oldest file first: sequence numbers must come out in order, each exactly once.
      for (const f of [...files].reverse()) {
        const full = path.join(stateDir, f);
        expect(fs.statSync(full).size).toBeLessThanOrEqual(MAX_AUDIT_FILE_BYTES);
        for (const line of fs.readFileSync(full, 'utf8').split('\n').filter(Boolean)) seen.push(JSON.parse(line).details.seq);
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));

      // readAudit: newest first, across the rotation boundaries.
      const newest = await readAudit({ limit: 1000 });
      expect(newest.map((e) => e.details?.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => total - 1 - i));
    },
    60_000,
  );

  it(`keeps ${KEPT_ROTATIONS} rotated files and drops only the oldest`, async () => {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    // Six full files already: audit.log and .1 … .5, each marked by its generation.
    for (let n = 0; n <= KEPT_ROTATIONS; n++) {
      const name = path.join(stateDir, n === 0 ? AUDIT_FILE : `${AUDIT_FILE}.${n}`);
      const line = `${JSON.stringify({ ...base, time: new Date(Date.UTC(2026, 0, 10 - n)).toISOString(), target: `gen${n}` })}\n`;
      fs.writeFileSync(name, line.repeat(Math.ceil(MAX_AUDIT_FILE_BYTES / line.length)));
    }
    await appendAudit({ ...base, target: 'fresh' });
    const gens = auditFiles().map((f) => JSON.parse(fs.readFileSync(path.join(stateDir, f), 'utf8').split('\n')[0]!).target);
    expect(gens).toEqual(['fresh', 'gen0', 'gen1', 'gen2', 'gen3', 'gen4']);
  });
});

describe('readAudit', () => {
  it('returns entries newest first, filtered, skipping damaged lines', async () => {
    await appendAudit({ ...base, action: 'auth.login', target: 'admin' });
    await appendAudit({ ...base, target: 'a:x b:y', result: 'error', error: 'boom' });
    const file = path.join(stateDir, AUDIT_FILE);
    fs.appendFileSync(file, 'not json\n{"time":"2026-01-01T00:00:00.000Z","action":"x"}\n\n{"truncated": \n');
    await appendAudit({ ...base, target: 'c:z d:w', result: 'unchanged' });
    fs.appendFileSync(file, '{"time":"2026-01'); // torn final write
    fs.appendFileSync(file, '\n');

    const all = await readAudit();
    expect(all.map((e) => e.target)).toEqual(['c:z d:w', 'a:x b:y', 'admin']);
    expect((await readAudit({ result: 'error' })).map((e) => e.error)).toEqual(['boom']);
    expect((await readAudit({ action: 'auth.login' })).map((e) => e.target)).toEqual(['admin']);
    expect((await readAudit({ target: 'a:x b:y' }))).toHaveLength(1);
    // "Target contains": a substring, any case (review problem 3)
    expect((await readAudit({ target: 'B:Y' })).map((e) => e.target)).toEqual(['a:x b:y']);
    expect((await readAudit({ target: ':' })).map((e) => e.target)).toEqual(['c:z d:w', 'a:x b:y']);
    expect(await readAudit({ target: 'microk8s' })).toEqual([]);
    expect(await readAudit({ limit: 2 })).toHaveLength(2);
    expect(await readAudit({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await readAudit({ since: new Date(Date.now() - 60_000).toISOString() })).toHaveLength(3);
  });

  it('returns nothing when there is no log yet', async () => {
    await expect(readAudit()).resolves.toEqual([]);
  });
});
