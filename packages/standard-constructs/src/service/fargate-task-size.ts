import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** Fargate (Linux) task sizes: cpu units → the memory values (MiB) it runs with. */
const FARGATE_TASK_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

/**
 * Requires `cpu`/`memoryLimitMiB` to be a task size Fargate runs, so that a
 * wrong size fails synth instead of the deployment.
 */
export function assertFargateTaskSize(scope: IConstruct, cpu: number, memoryLimitMiB: number): void {
  if (Token.isUnresolved(cpu) || Token.isUnresolved(memoryLimitMiB)) return;
  const memory = FARGATE_TASK_SIZES.get(cpu);
  if (!memory) {
    throw invalidProp(scope, 'cpu', `got ${cpu}`, `Fargate cpu units are one of ${[...FARGATE_TASK_SIZES.keys()].join(', ')}.`);
  }
  if (!memory.includes(memoryLimitMiB)) {
    const listed = memory.length <= 4 ? memory.join(', ') : `${memory[0]} to ${memory[memory.length - 1]} in steps of ${memory[1] - memory[0]}`;
    throw invalidProp(scope, 'memoryLimitMiB', `got ${memoryLimitMiB}, which Fargate does not run with cpu ${cpu}`,
      `With cpu ${cpu} use ${listed} MiB.`);
  }
}
