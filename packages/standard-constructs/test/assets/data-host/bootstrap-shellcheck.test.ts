import { spawnSync } from 'child_process';
import * as path from 'path';
import { describeWithDebian } from './debian-packages';

const SCRIPTS = [
  path.join(__dirname, '..', '..', '..', 'assets', 'data-host', 'bootstrap.sh'),
  path.join(__dirname, 'fixtures', 'fake-aws'),
];

describeWithDebian('bootstrap shellcheck', { commands: ['shellcheck'], packages: ['shellcheck'] })('shellcheck', () => {
  test('the bootstrap script and its fake AWS CLI are shellcheck-clean', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', ...SCRIPTS], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
