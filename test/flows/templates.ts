/**
 * Loads every synthesized stack the flows suite proves: each app's cloud
 * assembly (apps/<app>/cdk.out, StackSet templates included) and each
 * committed integ snapshot, with the environment each stack deploys to.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Resolver, ResolvableTemplate, StackEnv } from './intrinsics';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Environment-agnostic stacks (integ tests) deploy to a sandbox account: give them one. */
export const SANDBOX_ENV: StackEnv = { account: '123456789012', region: 'eu-west-2', partition: 'aws' };
/** An account in the organisation that none of our stacks names: where StackSet instances are proven. */
export const MEMBER_ACCOUNT = '210987654321';

export interface LoadedStack extends ResolvableTemplate {
  /** `apps/<app>` or `integ/<test>`: where the template came from. */
  readonly source: string;
  readonly resolver: Resolver;
  resources(type: string): Array<[string, CfnResource]>;
}

interface Manifest { artifacts: Record<string, { type: string; environment?: string; properties?: { templateFile?: string; stackName?: string } }> }

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function envOf(environment: string | undefined): StackEnv {
  const match = /^aws:\/\/(\d{12})\/([a-z0-9-]+)$/.exec(environment ?? '');
  return match ? { account: match[1], region: match[2], partition: 'aws' } : SANDBOX_ENV;
}

class Stacks {
  public readonly all: LoadedStack[] = [];
  private readonly exports = new Map<string, () => unknown>();

  public add(source: string, name: string, file: string, env: StackEnv, parameters: Record<string, unknown> = {}): LoadedStack {
    const template = readJson<LoadedStack['template'] & { Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }> }>(file);
    const resolver = new Resolver({ name, env, template, parameters }, (exportName) => {
      const value = this.exports.get(exportName);
      if (!value) throw new Error(`${name}: imports ${exportName}, which no loaded stack exports`);
      return value();
    });
    for (const output of Object.values(template.Outputs ?? {})) {
      if (output.Export) this.exports.set(resolver.str(output.Export.Name), () => resolver.resolve(output.Value));
    }
    const stack: LoadedStack = {
      source, name, env, template, parameters, resolver,
      resources: (type) => Object.entries(template.Resources ?? {}).filter(([, r]) => r.Type === type),
    };
    this.all.push(stack);
    return stack;
  }
}

/**
 * A StackSet's template is an asset of the stack that declares it: find it by
 * the hash in its URL. Its instances are proven in every account our stacks
 * deploy to (and one more member account), in each of its target regions.
 */
function addStackSets(stacks: Stacks, parent: LoadedStack, outdir: string, accounts: string[]): void {
  const assets = readJson<{ files: Record<string, { source: { path: string } }> }>(path.join(outdir, `${parent.name}.assets.json`));
  for (const [id, stackSet] of parent.resources('AWS::CloudFormation::StackSet')) {
    const url = parent.resolver.str(stackSet.Properties!.TemplateURL);
    const hash = Object.keys(assets.files).find((h) => url.includes(h));
    if (!hash) throw new Error(`${parent.name}/${id}: no asset matches TemplateURL ${url}`);
    const params = (stackSet.Properties!.Parameters as Array<{ ParameterKey: string; ParameterValue: unknown }> | undefined) ?? [];
    const parameters = Object.fromEntries(params.map((p) => [p.ParameterKey, parent.resolver.str(p.ParameterValue)]));
    const groups = (stackSet.Properties!.StackInstancesGroup as Array<{ Regions: string[] }> | undefined) ?? [];
    const regions = [...new Set(groups.flatMap((g) => g.Regions))];
    for (const account of accounts) {
      for (const region of regions) {
        const env = { ...parent.env, account, region };
        stacks.add(parent.source, `${parent.name}/${id}@${account}/${region}`, path.join(outdir, assets.files[hash].source.path), env, parameters);
      }
    }
  }
}

function addAssembly(stacks: Stacks, source: string, outdir: string): Array<[LoadedStack, string]> {
  const manifest = readJson<Manifest>(path.join(outdir, 'manifest.json'));
  const loaded: Array<[LoadedStack, string]> = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    loaded.push([stacks.add(source, artifact.properties?.stackName ?? id, path.join(outdir, artifact.properties!.templateFile!), envOf(artifact.environment)), outdir]);
  }
  return loaded;
}

function dirs(parent: string, suffix: string): string[] {
  return fs.readdirSync(parent).filter((d) => d.endsWith(suffix)).map((d) => path.join(parent, d)).sort();
}

let cached: LoadedStack[] | undefined;

/** Every app and integ stack; fails when an app has not been synthesized (run `npm run synth`). */
export function loadAllStacks(): LoadedStack[] {
  if (cached) return cached;
  const stacks = new Stacks();
  const loaded: Array<[LoadedStack, string]> = [];
  for (const app of dirs(path.join(ROOT, 'apps'), '')) {
    const outdir = path.join(app, 'cdk.out');
    if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
      throw new Error(`${path.relative(ROOT, app)} has no cdk.out: run \`npm run synth\` before the flows suite`);
    }
    loaded.push(...addAssembly(stacks, path.relative(ROOT, app), outdir));
  }
  for (const snapshot of dirs(path.join(ROOT, 'integ'), '.snapshot')) {
    loaded.push(...addAssembly(stacks, path.relative(ROOT, snapshot), snapshot));
  }
  const accounts = [...new Set([...loaded.map(([s]) => s.env.account), MEMBER_ACCOUNT])].sort();
  for (const [stack, outdir] of loaded) addStackSets(stacks, stack, outdir, accounts);
  cached = stacks.all;
  return cached;
}
