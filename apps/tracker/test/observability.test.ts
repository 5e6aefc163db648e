import { Template } from 'aws-cdk-lib/assertions';
import { logicalId, resources, synthEnvironments } from './synth';
import { PRODUCTION, STAGING, TrackerEnvironmentConfig } from '../src/config';
import { TrackerStack } from '../src/tracker-stack';

const envs = synthEnvironments();

/** The dashboard body's Fn::Join parts, with each token as its JSON (`{"Ref":…}`) or as a placeholder. */
function dashboardBody(template: Template, token?: string): string {
  const dashboards = Object.values(resources(template, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : token ?? JSON.stringify(part))).join('');
}

describe.each([
  [STAGING.stackName, STAGING, envs.staging, envs.stagingTemplate],
  [PRODUCTION.stackName, PRODUCTION, envs.production, envs.productionTemplate],
] as Array<[string, TrackerEnvironmentConfig, TrackerStack, Template]>)('%s observability', (_stackName, config, stack, t) => {
  const name = `${config.projectName}-${config.environmentName}`;
  const services = Object.keys(stack.services);

  test(`one dashboard named ${name}`, () => {
    t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: name });
    expect(stack.dashboard.dashboardName).toBe(name);
  });

  test('dashboard graphs the ALB, each target group and each service, under the alarm status of every standard alarm', () => {
    const body = dashboardBody(t);
    const widgets = JSON.parse(dashboardBody(t, 'TOKEN')).widgets as Array<{ type: string; properties: Record<string, any> }>;
    const titles = widgets.filter((w) => w.type === 'text').map((w) => String(w.properties.markdown));
    expect(titles[0]).toContain('Alarms');
    expect(titles.some((m) => m.includes('Load balancer'))).toBe(true);
    for (const tg of ['api', 'frontend', 'admin']) expect(titles.some((m) => m.includes('Target group') && m.includes(tg))).toBe(true);
    for (const service of services) expect(titles.some((m) => m.includes(`Service ${service}`))).toBe(true);

    const alarmWidget = widgets.find((w) => w.type === 'alarm')!;
    expect(alarmWidget.properties.alarms).toHaveLength(stack.alarms.alarms.length);
    for (const alarm of stack.alarms.alarms) {
      expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [stack.getLogicalId(alarm.node.defaultChild as any), 'Arn'] }));
    }
    expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId(t, '/Edge/LoadBalancer/Resource'), 'LoadBalancerFullName'] }));
  });

  test(config.dataHost ? 'dashboard has the data host section' : 'no data host section (the data tier is peered)', () => {
    const body = dashboardBody(t);
    expect(body.includes('Data host')).toBe(config.dataHost !== undefined);
    if (stack.dataHost) expect(body).toContain(JSON.stringify({ Ref: stack.getLogicalId(stack.dataHost.instance.node.defaultChild as any) }));
  });

  test('three saved Logs Insights queries over every service log group', () => {
    const queries = Object.values(resources(t, 'AWS::Logs::QueryDefinition'));
    expect(queries.map((q) => q.Properties.Name).sort()).toEqual([`${name}/5xx-by-path`, `${name}/errors-by-service`, `${name}/slowest-requests`]);
    const expected = services.map((s) => ({ Ref: stack.getLogicalId(stack.services[s].logGroup.node.defaultChild as any) }));
    for (const query of queries) expect(query.Properties.LogGroupNames).toEqual(expect.arrayContaining(expected));
    expect(services.length).toBeGreaterThanOrEqual(3);
  });

  test('every standard alarm description deep-links the dashboard (the Teams card\'s Dashboard button)', () => {
    const link = `Dashboard: https://${config.region}.console.aws.amazon.com/cloudwatch/home?region=${config.region}#dashboards/dashboard/${name}`;
    const alarms = Object.values(resources(t, 'AWS::CloudWatch::Alarm')).filter((a) => String(a.Properties.AlarmName ?? '').startsWith(`${name}-`));
    expect(alarms.length).toBe(stack.alarms.alarms.length);
    for (const alarm of alarms) expect(JSON.stringify(alarm.Properties.AlarmDescription)).toContain(link);
  });
});
