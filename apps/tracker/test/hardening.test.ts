import { KEPT_TAG_PREFIXES } from '@glimpse/standard-constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { container, resources, synthEnvironments } from './synth';
import { ENVIRONMENTS, PRODUCTION, STAGING } from '../src/config';

const { stagingTemplate, productionTemplate } = synthEnvironments();

describe('ECS Exec', () => {
  test('off for every production service; the break-glass flag is the config\'s ecsExec', () => {
    expect(PRODUCTION.ecsExec).toBe(false);
    const services = Object.values(resources(productionTemplate, 'AWS::ECS::Service'));
    expect(services.length).toBe(6);
    for (const s of services) expect(s.Properties.EnableExecuteCommand).not.toBe(true);
  });

  test('on in staging, where engineers debug', () => {
    expect(STAGING.ecsExec).toBe(true);
    for (const s of Object.values(resources(stagingTemplate, 'AWS::ECS::Service'))) expect(s.Properties.EnableExecuteCommand).toBe(true);
  });
});

describe('images', () => {
  test.each(ENVIRONMENTS.map((c) => [c.stackName, c] as const))('%s: the TaskiQ workers run tracker/services, each with its own command', (stackName, config) => {
    const t = stackName === STAGING.stackName ? stagingTemplate : productionTemplate;
    for (const worker of config.workers) {
      const c = container(t, worker.name);
      expect(JSON.stringify(c.Image)).toContain(`/tracker/services:${config.imageTags.services}`);
      expect(c.Command).toEqual(worker.command);
    }
    expect(new Set(config.workers.map((w) => JSON.stringify(w.command))).size).toBe(config.workers.length);
  });

  test('worker execution roles may pull tracker/services only', () => {
    const pulls = Object.values(resources(stagingTemplate, 'AWS::IAM::ManagedPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>)
      .filter((s) => [s.Action].flat().includes('ecr:BatchGetImage'))
      .map((s) => JSON.stringify(s.Resource));
    expect(pulls.filter((r) => r.includes('repository/tracker/services'))).toHaveLength(STAGING.workers.length);
    expect(pulls.filter((r) => r.includes('repository/tracker/api'))).toHaveLength(1);
  });

  test.each(ENVIRONMENTS.map((c) => [c.stackName, c] as const))('%s deploys only image tags the registry never expires', (_name, config) => {
    for (const tag of Object.values(config.imageTags)) {
      expect(KEPT_TAG_PREFIXES.some((prefix) => tag.startsWith(prefix))).toBe(true);
    }
  });
});

describe('tags', () => {
  test.each([['staging', stagingTemplate], ['production', productionTemplate]] as const)('%s: the legacy Project tag and the organisation tags from config', (_name, t) => {
    for (const type of ['AWS::EC2::VPC', 'AWS::ECS::TaskDefinition', 'AWS::Logs::LogGroup']) {
      t.hasResourceProperties(type, {
        Tags: Match.arrayWith([
          { Key: 'CostCentre', Value: STAGING.organisationTags.CostCentre },
          { Key: 'Project', Value: 'tracker-restapi' },
        ]),
      });
    }
  });
});
