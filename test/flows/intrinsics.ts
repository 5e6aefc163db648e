/**
 * Resolves CloudFormation intrinsics to the deterministic values a deployed
 * stack would have: names come from the template where it sets them, else
 * from the logical id, so every ARN is stable across runs.
 */
import { arnOf, physicalName, refOf } from './resource-types';

export interface StackEnv {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

/** Looks up another stack's export (Fn::ImportValue). */
export type ExportLookup = (name: string) => unknown;

export interface ResolvableTemplate {
  readonly name: string;
  readonly env: StackEnv;
  readonly template: { Resources?: Record<string, CfnResource>; Parameters?: Record<string, { Default?: unknown }>; Conditions?: Record<string, unknown> };
  /** Parameter values given by whoever deploys the stack (a StackSet's parameters). */
  readonly parameters: Record<string, unknown>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export class Resolver {
  constructor(private readonly stack: ResolvableTemplate, private readonly imports: ExportLookup) {}

  /** Deep-resolves `value`; throws on an intrinsic it cannot resolve, naming the stack. */
  public resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0] === 'Condition' || entries[0][0].startsWith('Fn::'))) {
      return this.intrinsic(entries[0][0], entries[0][1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  /** Resolves to a string (joins, ARNs, names). */
  public str(value: unknown): string {
    const out = this.resolve(value);
    if (typeof out !== 'string') throw new Error(`${this.stack.name}: expected a string, got ${JSON.stringify(out)}`);
    return out;
  }

  public ref(logicalId: string): string {
    const { env } = this.stack;
    const pseudo: Record<string, string> = {
      'AWS::AccountId': env.account,
      'AWS::Region': env.region,
      'AWS::Partition': env.partition,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.stack.name,
      'AWS::StackId': `arn:${env.partition}:cloudformation:${env.region}:${env.account}:stack/${this.stack.name}/00000000-0000-0000-0000-000000000000`,
      'AWS::NotificationARNs': '',
      'AWS::NoValue': '',
    };
    if (logicalId in pseudo) return pseudo[logicalId];
    const params = this.stack.template.Parameters ?? {};
    if (logicalId in params) {
      const given = this.stack.parameters[logicalId] ?? params[logicalId].Default;
      if (given === undefined) throw new Error(`${this.stack.name}: parameter ${logicalId} has no value`);
      return this.str(given);
    }
    return refOf(this.resource(logicalId), logicalId, this);
  }

  public getAtt(logicalId: string, attribute: string): string {
    const resource = this.resource(logicalId);
    if (attribute === 'Arn') return arnOf(resource, logicalId, this);
    return `${physicalName(resource, logicalId, this)}.${attribute}`;
  }

  public get env(): StackEnv {
    return this.stack.env;
  }

  public get stackName(): string {
    return this.stack.name;
  }

  public resource(logicalId: string): CfnResource {
    const resource = this.stack.template.Resources?.[logicalId];
    if (!resource) throw new Error(`${this.stack.name}: no resource or parameter ${logicalId}`);
    return resource;
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref': return this.ref(arg as string);
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg as string[] : (arg as string).split(/\.(.*)/);
        return this.getAtt(id, attr);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        const resolved = this.resolve(parts);
        return (resolved as unknown[]).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (this.resolve(list) as unknown[])[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return this.str(source).split(sep);
      }
      case 'Fn::Sub': return this.sub(arg);
      case 'Fn::ImportValue': return this.imports(this.str(arg));
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.resolve(this.condition(condition) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = this.resolve(arg) as [unknown, unknown];
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not': return !(this.resolve(arg) as boolean[])[0];
      case 'Fn::And': return (this.resolve(arg) as boolean[]).every(Boolean);
      case 'Fn::Or': return (this.resolve(arg) as boolean[]).some(Boolean);
      case 'Condition': return this.condition(arg as string);
      default: return Object.fromEntries([[fn, this.resolve(arg)]]);
    }
  }

  private condition(name: string): boolean {
    const definition = this.stack.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`${this.stack.name}: no condition ${name}`);
    return this.resolve(definition) === true;
  }

  private sub(arg: unknown): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : arg as [string, Record<string, unknown>];
    return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      if (name in vars) return this.str(vars[name]);
      const [id, attr] = name.split(/\.(.*)/);
      return attr ? this.getAtt(id, attr) : this.ref(id);
    });
  }
}
