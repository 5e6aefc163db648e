import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

/** Rule priorities taken on each listener, by the path of the service that took them. */
const TAKEN = new WeakMap<IConstruct, Map<number, string>>();

/**
 * Reserves listener rule priorities for `owner`, or fails naming the service
 * that already holds one. ALB rule priorities are unique per listener; a
 * clash would otherwise only surface as a failed deployment.
 */
export function reserveListenerPriorities(owner: IConstruct, listener: IConstruct, priorities: number[]): void {
  const taken = TAKEN.get(listener) ?? new Map<number, string>();
  TAKEN.set(listener, taken);
  for (const priority of priorities) {
    const holder = taken.get(priority);
    if (holder !== undefined) {
      throw invalidProp(owner, 'web.priority',
        `listener ${listener.node.path} already has a rule with priority ${priority} (from ${holder})`,
        'Give each service on a listener its own priority; a service with N rules uses N consecutive priorities.');
    }
  }
  for (const priority of priorities) taken.set(priority, owner.node.path);
}
