import type { Problem, ProblemSource } from '../errors/problem';
import { problemFromHostFailure, type HostErrorCode } from './problems';

export type { HostErrorCode };

/**
 * Typed failures of host commands. Everything above lib/host sees only these,
 * never a raw child_process error, so routes can map them to HTTP statuses and
 * pages can explain them.
 */
export class HostError extends Error implements ProblemSource {
  readonly code: HostErrorCode;
  readonly command: string;
  readonly exitCode: number | null;
  /** The tool's own words (snapd's `error: ...` text without the prefix), verbatim. */
  readonly toolMessage: string | null;
  readonly stdout: string;
  readonly stderr: string;

  constructor(init: {
    code: HostErrorCode;
    command: string;
    message: string;
    exitCode?: number | null;
    toolMessage?: string | null;
    stdout?: string;
    stderr?: string;
  }) {
    super(init.message);
    this.name = 'HostError';
    this.code = init.code;
    this.command = init.command;
    this.exitCode = init.exitCode ?? null;
    this.toolMessage = init.toolMessage ?? null;
    this.stdout = init.stdout ?? '';
    this.stderr = init.stderr ?? '';
  }

  problem(): Problem {
    return problemFromHostFailure(this);
  }
}

export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError;
}

/**
 * snapd prints errors as `error: <msg>` and re-wraps long messages over
 * several lines; join them back so the user sees one message.
 */
export function toolErrorMessage(stderr: string): string | null {
  const at = stderr.search(/^error: /m);
  if (at < 0) return null;
  return stderr
    .slice(at + 'error: '.length)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .trim() || null;
}

export function classifyFailure(stderr: string): HostErrorCode {
  if (/cannot communicate with server/i.test(stderr)) return 'snapd-unreachable';
  if (/access denied|permission denied|a password is required|a terminal is required|is not in the sudoers|not allowed to execute/i.test(stderr)) {
    return 'access-denied';
  }
  return 'command-failed';
}
