import * as path from 'node:path';
import { awscdk } from 'projen';

/**
 * `rosetta`: every example of the library (the README, each family README under
 * src/, every `@example`) compiled by jsii-rosetta in strict mode against the
 * fixtures in `rosetta/`, after each compile and before API.md is written; a
 * snippet that does not compile fails the build. The translations are kept as
 * `.jsii.tabl.json` beside the assembly, where jsii-pacmak reads them for the
 * Python, Java, .NET and Go packages' docs.
 */
export function addRosettaCheck(lib: awscdk.AwsCdkConstructLibrary): void {
  const script = path.relative(lib.outdir, path.join(lib.root.outdir, 'scripts/rosetta/check.js'));
  const rosetta = lib.addTask('rosetta', {
    description: 'Compile every README and @example snippet with jsii-rosetta (strict) and write the translations',
    exec: `node ${script}`,
  });
  lib.postCompileTask.prependSpawn(rosetta);
  lib.gitignore.exclude('/.jsii.tabl.json', '/.rosetta/', '/.rosetta-cache.tabl.json');
  lib.npmignore?.exclude('/rosetta/', '/.rosetta/', '/.rosetta-cache.tabl.json');
  lib.npmignore?.include('/.jsii.tabl.json');
}
