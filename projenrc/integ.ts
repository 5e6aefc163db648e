import { Component, JsonFile, Task, typescript } from 'projen';
import { TS_NODE } from './scripts';

const INTEG_DIR = 'integ';
/** Transpile-only: the integ files are type-checked once by `integ:typecheck`. */
const RUNNER = `integ-runner --directory ${INTEG_DIR} --language typescript --app "${TS_NODE} {filePath}" --max-workers 2`;

/**
 * integ-runner tasks for `integ/integ.<construct>-<scenario>.ts`:
 * `integ:verify` checks the committed snapshots against the current library
 * build (non-zero on any drift), `integ` compiles the library first (a stale
 * `lib/` would let a changed construct pass against an old build),
 * `integ:update` rewrites snapshots offline, `integ:deploy` runs them in a
 * sandbox account.
 */
export class IntegTasks extends Component {
  public readonly verify: Task;
  public readonly update: Task;

  constructor(root: typescript.TypeScriptProject, deps: { compileLibrary: Task }) {
    super(root);
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
    this.verify = root.addTask('integ:verify', {
      description: 'Verify integ snapshots offline against the current library build',
      steps: [{ spawn: typecheck.name }, { exec: RUNNER }],
    });
    root.addTask('integ', {
      description: 'Compile the library, then verify integ snapshots offline; fails on any drift',
      steps: [{ spawn: deps.compileLibrary.name }, { spawn: this.verify.name }],
    });
    // integ-runner diffs only the stacks under test, not the assertion stack, so a
    // changed assertion never "fails": --force rewrites every snapshot (or the files
    // given: `npm run integ:update -- integ/integ.<name>.ts`).
    this.update = root.addTask('integ:update', {
      description: 'Re-synthesize integ snapshots offline, assertions included (commit the result)',
      steps: [
        { spawn: deps.compileLibrary.name },
        { spawn: typecheck.name },
        { exec: `${RUNNER} --update-on-failed --dry-run --force`, receiveArgs: true },
      ],
    });
    root.addTask('integ:deploy', {
      description: 'Deploy and assert the integ tests in a sandbox account: npm run integ:deploy -- --profiles <profile>',
      steps: [{ spawn: deps.compileLibrary.name }, { exec: `${RUNNER} --update-on-failed`, receiveArgs: true }],
    });
    root.gitignore.exclude(`${INTEG_DIR}/cdk-integ.out.*`, `${INTEG_DIR}/**/cdk-integ.out.*`);
  }
}
