import { spawnSync } from 'child_process';
import * as path from 'path';
import { requireDebianTools } from './debian-tools';

const ASSETS = path.join(__dirname, '..', '..', 'assets', 'data-host');
const tools = requireDebianTools('archive.sh shellcheck', { commands: ['shellcheck'], aptInstall: 'shellcheck' });

(tools.available ? test : test.skip)('archive.sh is shellcheck-clean, read as bootstrap.sh sources it', () => {
  const result = spawnSync('shellcheck', ['--shell=bash', '--external-sources', 'bootstrap.sh', 'archive.sh'], { cwd: ASSETS, encoding: 'utf8' });
  expect(result.error).toBeUndefined();
  expect(result.stdout).toBe('');
  expect(result.status).toBe(0);
});
