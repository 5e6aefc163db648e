import { javascript } from 'projen';

/**
 * ESLint as a check, not a formatter: projen's default `--fix` would let a
 * test run (and CI) rewrite the sources it is testing. Fix locally with
 * `npx projen eslint --fix`.
 */
export function checkOnlyEslint(): javascript.EslintOptions {
  return {
    dirs: ['src'],
    devdirs: ['test', 'build-tools'],
    commandOptions: { fix: false },
  };
}
