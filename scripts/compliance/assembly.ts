/**
 * Reads what compliance checking left in a synthesized cloud assembly (an
 * app's cdk.out or an integ snapshot): the resources of each stack, the
 * policy validation report, and the acknowledgements recorded as
 * `aws:cdk:acknowledged-rules` stack metadata.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NagPackPlugin } from '../../packages/standard-constructs/src/compliance/nag-pack-plugin';
import type { PackSummary } from '../../packages/standard-constructs/src/compliance/private/rule-tally';

/** The packs `GlimpseCompliance.enable` runs, with the rule id prefix of each. */
export const PACKS = [
  { name: 'AwsSolutions', prefix: 'AwsSolutions-' },
  { name: 'HIPAA.Security', prefix: 'HIPAA.Security-' },
  { name: 'NIST.800.53.R5', prefix: 'NIST.800.53.R5-' },
  { name: 'Glimpse', prefix: 'Glimpse-' },
] as const;

/** aws-cdk-lib >= 2.260 writes the first name, older versions the second. */
const REPORT_FILES = ['validation-report.json', 'policy-validation-report.json'];
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

export interface Finding {
  readonly pack: string;
  readonly rule: string;
  readonly constructPath: string;
}

export interface Acknowledgement {
  readonly pack: string;
  readonly rule: string;
  /** Where it was acknowledged: the construct and everything under it. */
  readonly constructPath: string;
  readonly reason: string;
}

export interface AssemblyCompliance {
  /** The assembly directory, as given. */
  readonly directory: string;
  readonly stacks: string[];
  /**
   * CloudFormation resources the packs checked, StackSet templates included; without
   * pack summaries, the resources of the stack templates (excluding AWS::CDK::Metadata).
   */
  readonly resources: number;
  /** What each pack checked, passed and failed (`nag-summary.<pack>.json`), for the packs that wrote one. */
  readonly packSummaries: PackSummary[];
  /** False when no validation report exists: no pack ran at synth. */
  readonly checked: boolean;
  readonly findings: Finding[];
  readonly acknowledgements: Acknowledgement[];
}

interface MetadataEntry {
  readonly type: string;
  readonly data?: unknown;
}

interface ArtifactManifest {
  readonly type: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
  readonly metadata?: Record<string, MetadataEntry[]>;
  readonly additionalMetadataFile?: string;
}

interface ValidationReport {
  readonly pluginReports: Array<{
    readonly summary: { readonly pluginName: string };
    readonly violations: Array<{ readonly ruleName: string; readonly violatingResources: Array<{ readonly constructPath: string }> }>;
  }>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function packOf(rule: string): string {
  return PACKS.find((p) => rule.startsWith(p.prefix))?.name ?? 'other';
}

interface StackData {
  readonly name: string;
  readonly resources: number;
  readonly acknowledgements: Acknowledgement[];
}

/** The stacks of an assembly directory, recursing into nested assemblies (stages). */
function readStacks(directory: string): StackData[] {
  const manifest = readJson<{ artifacts?: Record<string, ArtifactManifest> }>(path.join(directory, 'manifest.json'));
  return Object.entries(manifest.artifacts ?? {}).flatMap(([id, artifact]): StackData[] => {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      return readStacks(path.join(directory, artifact.properties.directoryName));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) return [];
    const template = readJson<{ Resources?: Record<string, { Type: string }> }>(path.join(directory, artifact.properties.templateFile));
    const metadata = artifact.additionalMetadataFile
      ? readJson<Record<string, MetadataEntry[]>>(path.join(directory, artifact.additionalMetadataFile))
      : artifact.metadata ?? {};
    return [{
      name: id,
      resources: Object.values(template.Resources ?? {}).filter((r) => r.Type !== 'AWS::CDK::Metadata').length,
      acknowledgements: acknowledgementsIn(metadata),
    }];
  });
}

/** Acknowledgements from stack metadata; ids are stored as `annotation::<rule>` (any case). */
export function acknowledgementsIn(metadata: Record<string, MetadataEntry[]>): Acknowledgement[] {
  return Object.entries(metadata).flatMap(([constructPath, entries]) => entries
    .filter((e) => e.type === ACKNOWLEDGED_RULES && e.data && typeof e.data === 'object')
    .flatMap((e) => Object.entries(e.data as Record<string, string>).map(([key, reason]) => {
      const rule = key.replace(/^annotation::/i, '');
      return { pack: packOf(rule), rule, constructPath: constructPath.replace(/^\//, ''), reason };
    })));
}

/** The same acknowledgement can be recorded twice on one construct; list it once. */
function unique(acks: Acknowledgement[]): Acknowledgement[] {
  const seen = new Set<string>();
  return acks.filter((a) => {
    const key = JSON.stringify([a.rule, a.constructPath, a.reason]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Everything the report needs from one assembly directory. */
export function readAssembly(directory: string): AssemblyCompliance {
  if (!fs.existsSync(path.join(directory, 'manifest.json'))) {
    throw new Error(`${directory} is not a cloud assembly (no manifest.json): run \`npm run synth\` first`);
  }
  const stacks = readStacks(directory);
  const reportFile = REPORT_FILES.map((f) => path.join(directory, f)).find((f) => fs.existsSync(f));
  const report = reportFile ? readJson<ValidationReport>(reportFile) : undefined;
  const packSummaries = PACKS.map((p) => path.join(directory, NagPackPlugin.summaryFileName(p.name)))
    .filter((f) => fs.existsSync(f)).map((f) => readJson<PackSummary>(f));
  const findings = (report?.pluginReports ?? []).flatMap((plugin) => plugin.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({ pack: plugin.summary.pluginName, rule: v.ruleName, constructPath: r.constructPath }))));
  return {
    directory,
    stacks: stacks.map((s) => s.name),
    resources: packSummaries.length > 0
      ? Math.max(...packSummaries.map((p) => p.resources))
      : stacks.reduce((n, s) => n + s.resources, 0),
    packSummaries,
    checked: report !== undefined,
    findings,
    acknowledgements: unique(stacks.flatMap((s) => s.acknowledgements)),
  };
}
