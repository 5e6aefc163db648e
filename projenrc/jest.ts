import { javascript, typescript } from 'projen';

/**
 * Jest options shared by every package: snapshots are never rewritten by a
 * test run (a changed construct id must fail the build, not update itself),
 * and ts-jest only transpiles, because `tsc`/jsii already type-check.
 */
export function strictJest(): javascript.JestOptions {
  return {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
    },
  };
}

/** ts-jest only transpiles: jsii and `tsc` type-check the sources, `test:typecheck` the tests. */
export const TRANSPILE_ONLY_TS_JEST: typescript.TsJestOptions = {
  transformOptions: { isolatedModules: true },
};

/**
 * ts-jest only transpiles, so the tests are type-checked once, up front, by
 * a single `tsc` over test/ (and the sources it imports).
 */
export function typecheckTestsFirst(project: typescript.TypeScriptProject): void {
  const typecheck = project.addTask('test:typecheck', {
    description: 'Type-check the tests',
    // isolatedModules is only for ts-jest's per-file transpile; the library's index re-exports types.
    exec: 'tsc --noEmit --isolatedModules false -p test/tsconfig.json',
  });
  project.testTask.prependSpawn(typecheck);
}
