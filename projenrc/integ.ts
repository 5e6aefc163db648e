import { JsonFile, typescript } from 'projen';

const INTEG_DIR = 'integ';
/** Transpile-only: the integ files are type-checked once by `integ:typecheck`. */
const INTEG_APP = 'node -r ts-node/register/transpile-only {filePath}';
const RUNNER = `integ-runner --directory ${INTEG_DIR} --language typescript --app "${INTEG_APP}" --max-workers 2`;

/**
 * integ-runner tasks for `integ/integ.<construct>-<scenario>.ts`.
 * `integ` verifies the committed snapshots (non-zero on any drift), `integ:update`
 * rewrites them offline. Both compile the library first: a stale `lib/` would
 * let a changed construct pass against an old build.
 */
export function addIntegTasks(root: typescript.TypeScriptProject, compileLibrary: string): void {
  new JsonFile(root, `${INTEG_DIR}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..' },
      include: ['./*.ts'],
    },
  });
  const typecheck = root.addTask('integ:typecheck', {
    description: 'Type-check the integ test apps',
    exec: `tsc --noEmit -p ${INTEG_DIR}/tsconfig.json`,
  });
  // `test` runs the verification right after its own library build; `integ` compiles first.
  const verify = root.addTask('integ:verify', {
    description: 'Verify integ snapshots offline against the current library build',
    steps: [{ spawn: typecheck.name }, { exec: RUNNER }],
  });
  root.addTask('integ', {
    description: 'Compile the library, then verify integ snapshots offline; fails on any drift',
    steps: [{ spawn: compileLibrary }, { spawn: verify.name }],
  });
  // integ-runner diffs only the stacks under test, not the assertion stack, so a
  // changed assertion never "fails": --force rewrites every snapshot (or the files
  // given: `npm run integ:update -- integ/integ.<name>.ts`).
  root.addTask('integ:update', {
    description: 'Re-synthesize integ snapshots offline, assertions included (commit the result)',
    steps: [
      { spawn: compileLibrary },
      { spawn: typecheck.name },
      { exec: `${RUNNER} --update-on-failed --dry-run --force`, receiveArgs: true },
    ],
  });
  root.addTask('integ:deploy', {
    description: 'Deploy and assert the integ tests in a sandbox account: npm run integ:deploy -- --profiles <profile>',
    steps: [{ spawn: compileLibrary }, { exec: `${RUNNER} --update-on-failed`, receiveArgs: true }],
  });
  root.gitignore.exclude(`${INTEG_DIR}/cdk-integ.out.*`, `${INTEG_DIR}/**/cdk-integ.out.*`);
}
