import { spawnSync } from 'child_process';

/** Whether a test's Debian tools are here; `available` false means the suite skips (never under CI). */
export interface DebianTools { readonly available: boolean }

/**
 * Checks root and the commands a test needs. Missing: one loud line naming the
 * apt-get command and a skip, or a failure under `CI=true` (CI installs them in `.ci/run`).
 */
export function requireDebianTools(what: string, needs: { commands: string[]; aptInstall: string }): DebianTools {
  const missing = needs.commands.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  if (process.getuid?.() !== 0) missing.push('root');
  if (missing.length === 0) return { available: true };
  const message = `${what} SKIPPED: missing ${missing.join(', ')}. Run as root after: apt-get install -y ${needs.aptInstall}`;
  if (process.env.CI === 'true') throw new Error(message.replace('SKIPPED', 'cannot run under CI'));
  // eslint-disable-next-line no-console
  console.warn(message);
  return { available: false };
}
