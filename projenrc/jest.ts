import { javascript, typescript } from 'projen';

/**
 * Jest options shared by every package: snapshots are never rewritten by a
 * test run (a changed construct id must fail the build, not update itself),
 * and ts-jest only transpiles, because `tsc`/jsii already type-check.
 * Coverage is off in `test` (V8 coverage doubles the tests' CPU time and
 * nothing gates on it); `test:coverage` collects it on demand. One worker per
 * core: jest's default keeps a core free, which on 2 cores runs one file at a time.
 */
export function strictJest(): javascript.JestOptions {
  return {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      collectCoverage: false,
      maxWorkers: '100%',
    },
  };
}

/** ts-jest only transpiles: jsii and `tsc` type-check the sources, `test:typecheck` the tests. */
export const TRANSPILE_ONLY_TS_JEST: typescript.TsJestOptions = {
  transformOptions: { isolatedModules: true },
};

export interface TypecheckOptions {
  /**
   * Type-check `src/` in the same `tsc` run, for projects whose compile only
   * transpiles (the apps).
   * @default false
   */
  readonly alsoSources?: boolean;
}

/**
 * ts-jest only transpiles, so the tests are type-checked once, up front, by
 * a single `tsc` over test/ (and the sources it imports); `test:coverage`
 * runs the tests with coverage.
 */
export function typecheckTestsFirst(project: typescript.TypeScriptProject, options: TypecheckOptions = {}): void {
  if (options.alsoSources) {
    project.tryFindObjectFile('test/tsconfig.json')?.addOverride('include', ['**/*.ts', '../src/**/*.ts']);
  }
  const typecheck = project.addTask('test:typecheck', {
    description: options.alsoSources ? 'Type-check the sources and the tests' : 'Type-check the tests',
    // isolatedModules is only for ts-jest's per-file transpile; the library's index re-exports types.
    exec: 'tsc --noEmit --isolatedModules false -p test/tsconfig.json',
  });
  project.testTask.prependSpawn(typecheck);
  project.addTask('test:coverage', {
    description: 'Run the unit tests with coverage (coverage/)',
    exec: 'jest --passWithNoTests --ci --coverage',
    receiveArgs: true,
  });
}
