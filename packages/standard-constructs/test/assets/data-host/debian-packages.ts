/**
 * Gate for tests that run real Debian tools (PostgreSQL, redis-server,
 * pgbackrest, ...). Where a tool or root is missing the suite is skipped with
 * one loud line naming the apt-get command that installs it; under `CI=true`
 * (where `.ci/run` installs them) a missing tool fails the suite instead, so
 * CI can never pass by skipping.
 */
import { spawnSync } from 'child_process';

/** What a suite needs from the machine. */
export interface DebianNeeds {
  /** Commands that must be on the PATH, e.g. `pg_createcluster`. */
  readonly commands: readonly string[];
  /** The Debian packages that provide them, named in the install hint. */
  readonly packages: readonly string[];
  /** Whether the suite must run as root. */
  readonly root?: boolean;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command]).status === 0;
}

/** What is missing on this machine, empty when everything is there. */
export function missingDebianNeeds(needs: DebianNeeds): string[] {
  const missing = needs.commands.filter((c) => !commandExists(c));
  if (needs.root && process.getuid?.() !== 0) missing.push('root');
  return missing;
}

/** Whether the machine has what `needs` lists; otherwise one warning line, or a throw under `CI=true`. */
export function hasDebianNeeds(suite: string, needs: DebianNeeds): boolean {
  const missing = missingDebianNeeds(needs);
  if (missing.length === 0) return true;
  const line = `${suite}: missing ${missing.join(', ')}; install with: `
    + `sudo apt-get install -y --no-install-recommends ${needs.packages.join(' ')}${needs.root ? ' (and run as root)' : ''}`;
  if (process.env.CI === 'true') throw new Error(`${line} (CI=true: these tests must run, not skip)`);
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED ${line}`);
  return false;
}

/** `describe` when the machine has what `needs` lists, otherwise `describe.skip` (see `hasDebianNeeds`). */
export function describeWithDebian(suite: string, needs: DebianNeeds): jest.Describe {
  return hasDebianNeeds(suite, needs) ? describe : describe.skip;
}
