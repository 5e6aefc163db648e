import { Component, Task, typescript } from 'projen';
import { TS_NODE } from './scripts';

/**
 * The deployed templates' logical ids are a contract (a changed id replaces
 * the resource, and a named resource cannot be replaced in place):
 * `logical-ids:check` fails when an id recorded in
 * scripts/logical-ids/baseline.txt is missing from apps/<app>/cdk.out;
 * `logical-ids` lists them (`-- --write` records a new baseline).
 */
export class LogicalIdTasks extends Component {
  public readonly check: Task;

  constructor(root: typescript.TypeScriptProject) {
    super(root);
    root.addTask('logical-ids', {
      description: 'List every app template\'s logical ids (-- --write records them as the baseline)',
      exec: `${TS_NODE} scripts/logical-ids/list.ts`,
      receiveArgs: true,
    });
    this.check = root.addTask('logical-ids:check', {
      description: 'Fail if a logical id of the deployed templates (scripts/logical-ids/baseline.txt) is gone (run synth first)',
      exec: `${TS_NODE} scripts/logical-ids/list.ts --check`,
    });
  }
}
