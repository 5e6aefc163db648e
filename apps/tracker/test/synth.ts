import * as fs from 'fs';
import * as path from 'path';
import { VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app';
import { PRODUCTION, STAGING } from '../src/config';
import { ALLOW_PLACEHOLDERS_CONTEXT } from '../src/placeholders';
import { TrackerStack } from '../src/tracker-stack';

export const VERSION = '0123456789abcdef0123456789abcdef01234567';

/** The committed AZ context (`cdk.context.json`) the CLI reads too. */
export const AZ_CONTEXT = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.context.json'), 'utf8'));

let cached: { app: App; staging: TrackerStack; production: TrackerStack; stagingTemplate: Template; productionTemplate: Template } | undefined;

/** Both environments, synthesized once per test file with a fixed Version tag. */
export function synthEnvironments() {
  if (!cached) {
    // The committed AZ context the CLI reads too, so tests see the real subnets; placeholders allowed, as in offline synth.
    const app = buildApp(new App({ context: { ...AZ_CONTEXT, [VERSION_CONTEXT_KEY]: VERSION, [ALLOW_PLACEHOLDERS_CONTEXT]: 'true' } }));
    const staging = app.node.findChild(STAGING.stackName) as TrackerStack;
    const production = app.node.findChild(PRODUCTION.stackName) as TrackerStack;
    cached = { app, staging, production, stagingTemplate: Template.fromStack(staging), productionTemplate: Template.fromStack(production) };
    STACKS.set(cached.stagingTemplate, staging);
    STACKS.set(cached.productionTemplate, production);
  }
  return cached;
}

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

/** Resources of a type, by logical id. */
export function resources(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

const STACKS = new WeakMap<Template, Stack>();

/** The logical id of the CloudFormation resource at `<stack path><path>`, e.g. `/Api/TargetGroup/Resource`. */
export function logicalId(template: Template, constructPath: string): string {
  const stack = STACKS.get(template)!;
  const element = stack.node.findAll().find((c) => c.node.path === `${stack.node.path}${constructPath}`);
  if (!element || !CfnElement.isCfnElement(element)) throw new Error(`no CloudFormation resource at ${constructPath}`);
  return stack.getLogicalId(element);
}

/** The container definition of a service's task definition, by service name. */
export function container(template: Template, serviceName: string): Record<string, any> {
  const defs = Object.values(resources(template, 'AWS::ECS::TaskDefinition'))
    .flatMap((t) => t.Properties.ContainerDefinitions as Array<Record<string, any>>);
  const found = defs.find((c) => c.Name === serviceName);
  if (!found) throw new Error(`no container ${serviceName}`);
  return found;
}

/** The task definition that holds a container, by service name. */
export function taskDefinition(template: Template, serviceName: string): Record<string, any> {
  const found = Object.values(resources(template, 'AWS::ECS::TaskDefinition'))
    .find((t) => (t.Properties.ContainerDefinitions as Array<{ Name: string }>).some((c) => c.Name === serviceName));
  if (!found) throw new Error(`no task definition for ${serviceName}`);
  return found.Properties;
}
