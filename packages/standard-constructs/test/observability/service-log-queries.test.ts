import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServiceLogQueries } from '../../src/observability';
import { nagFindings } from '../nag';

function synth(logGroupNames = ['/aws/ecs/tracker-restapi-staging/api', '/aws/ecs/tracker-restapi-staging/tracker-fetcher']) {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
  const logGroups = logGroupNames.map((name, i) => logs.LogGroup.fromLogGroupName(stack, `Logs${i}`, name));
  const queries = new ServiceLogQueries(stack, 'Queries', { projectName: 'tracker-restapi', environmentName: 'staging', logGroups });
  return { queries, template: Template.fromStack(stack) };
}

function queryString(template: Template, name: string): string {
  const found = Object.values(template.findResources('AWS::Logs::QueryDefinition', { Properties: { Name: name } }));
  expect(found).toHaveLength(1);
  expect(found[0].Properties.LogGroupNames).toEqual(['/aws/ecs/tracker-restapi-staging/api', '/aws/ecs/tracker-restapi-staging/tracker-fetcher']);
  return found[0].Properties.QueryString;
}

describe('ServiceLogQueries', () => {
  const { queries, template } = synth();

  test('three saved queries in the <project>-<env>/ folder', () => {
    template.resourceCountIs('AWS::Logs::QueryDefinition', 3);
    expect(queries.errorsByService).toBeInstanceOf(logs.QueryDefinition);
  });

  test('errors by service: JSON error levels, 5xx requests and error-looking plain lines, counted per service', () => {
    expect(queryString(template, 'tracker-restapi-staging/errors-by-service').split('\n')).toEqual([
      'fields coalesce(service, @log) as svc',
      '| filter level in ["ERROR", "CRITICAL", "FATAL"] or http_status >= 500 '
        + 'or (not ispresent(level) and @message like /(?i)\\b(error|exception|traceback)\\b/)',
      '| stats count(*) as errors by svc',
      '| sort errors desc',
    ]);
  });

  test('slowest requests: the 50 longest durations with route, status and trace id', () => {
    expect(queryString(template, 'tracker-restapi-staging/slowest-requests').split('\n')).toEqual([
      'fields @timestamp, coalesce(service, @log) as svc, http_method, coalesce(http_route, http_path) as route, http_status, duration_ms, trace_id',
      '| filter ispresent(duration_ms)',
      '| sort duration_ms desc',
      '| limit 50',
    ]);
  });

  test('5xx by path: counted per service, method and route', () => {
    expect(queryString(template, 'tracker-restapi-staging/5xx-by-path').split('\n')).toEqual([
      'fields coalesce(service, @log) as svc, coalesce(http_route, http_path) as route',
      '| filter http_status >= 500',
      '| stats count(*) as errors by svc, http_method, route',
      '| sort errors desc',
      '| limit 50',
    ]);
  });

  test('no log groups', () => {
    expect(() => synth([])).toThrow(/S\/Queries: invalid `logGroups`: is empty\. Pass the log groups/);
  });

  test('cdk-nag: clean', () => {
    expect(nagFindings((s) => new ServiceLogQueries(s, 'Queries', {
      projectName: 'tracker-restapi', environmentName: 'staging', logGroups: [logs.LogGroup.fromLogGroupName(s, 'L', '/aws/ecs/x/api')],
    }))).toEqual([]);
  });

  test('the queries are all it creates: each in the <project>-<env>/ folder, named as documented', () => {
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type)).toEqual(Array(3).fill('AWS::Logs::QueryDefinition'));
    expect(Object.values(template.findResources('AWS::Logs::QueryDefinition')).map((r) => r.Properties.Name).sort())
      .toEqual(['tracker-restapi-staging/5xx-by-path', 'tracker-restapi-staging/errors-by-service', 'tracker-restapi-staging/slowest-requests']);
  });
});
