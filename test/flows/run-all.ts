/** Every flows test file, in one process (one template load, one evaluator warm-up). */
import { after } from 'node:test';
import { tally } from './harness';
import './evaluators.test';
import './iam-flows.test';
import { networkTally } from './network-reachability.test';

after(() => {
  console.log(`flows proven allowed: ${tally.Allowed}, denials proven: ${tally.Denied}`);
  console.log(`network paths proven reachable: ${networkTally.reachable}, proven blocked: ${networkTally.unreachable}`);
});
