import { Component, JsonFile, Task, typescript } from 'projen';

/**
 * How the repository's own scripts (scripts/**.ts) and integ apps run: Node
 * with ts-node's transpile-only hook (no type-check at run time; the scripts
 * are type-checked by `scripts:typecheck`).
 */
export const TS_NODE = 'node -r ts-node/register/transpile-only';

/** `scripts:typecheck`: one `tsc` over scripts/ and bench/, which run transpile-only. */
export class ScriptChecks extends Component {
  public readonly typecheck: Task;

  constructor(root: typescript.TypeScriptProject) {
    super(root);
    new JsonFile(root, 'scripts/tsconfig.json', {
      obj: {
        extends: '../tsconfig.json',
        compilerOptions: { noEmit: true, rootDir: '..', types: ['node'] },
        include: ['./**/*.ts', '../bench/**/*.ts'],
        // The consumer app is compiled by the consumer test, against the packed library.
        exclude: ['./consumer/**'],
      },
    });
    this.typecheck = root.addTask('scripts:typecheck', {
      description: 'Type-check the repository scripts and the bench reference app',
      exec: 'tsc --noEmit -p scripts/tsconfig.json',
    });
  }
}
