/**
 * Log delivery: CloudWatch Logs uses each log group's key; VPC flow logs
 * assume their role and write their log group; WAF logs go to an
 * `aws-waf-logs-` group; each ALB's access logs reach their bucket through
 * the bucket policy, as the region's Elastic Load Balancing log delivery.
 */
import { Request } from './evaluate';
import { keyOf, logGroupArn, writeLogs } from './flow-helpers';
import { PolicyIndex } from './policy-index';
import { administrator } from './world';

export function logGroupKeyRequests(index: PolicyIndex): Request[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::Logs::LogGroup').flatMap(([id, group]) => {
    if (!group.Properties?.KmsKeyId) return [];
    const keyArn = stack.resolver.str(group.Properties.KmsKeyId);
    const groupArn = logGroupArn(stack, stack.resolver.ref(id));
    const principal = `logs.${stack.env.region}.amazonaws.com`;
    const context = { 'kms:EncryptionContext:aws:logs:arn': groupArn };
    return ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'].map((action) => ({
      name: `${principal} ${action} ${keyArn} for ${stack.name}/${id}`, principal, action, resource: keyArn, context,
    }));
  }));
}

export function flowLogRequests(index: PolicyIndex): Request[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::EC2::FlowLog').flatMap(([id, flowLog]) => {
    const p = stack.resolver.resolve(flowLog.Properties) as { DeliverLogsPermissionArn?: string; LogGroupName?: string; LogDestination?: string; LogDestinationType?: string };
    const who = `${stack.name}/${id}`;
    if ((p.LogDestinationType ?? 'cloud-watch-logs') === 'cloud-watch-logs') {
      const groupArn = p.LogDestination ?? logGroupArn(stack, p.LogGroupName!);
      return [
        { name: `vpc-flow-logs.amazonaws.com assumes ${p.DeliverLogsPermissionArn} (${who})`, principal: 'vpc-flow-logs.amazonaws.com', action: 'sts:AssumeRole', resource: p.DeliverLogsPermissionArn!, context: { 'aws:SourceAccount': stack.env.account } },
        ...writeLogs(`${who} delivery role`, p.DeliverLogsPermissionArn!, groupArn.replace(/:\*$/, '')),
      ];
    }
    const object = `${p.LogDestination}/AWSLogs/${stack.env.account}/vpcflowlogs/${stack.env.region}/flows.log.gz`;
    return [{ name: `delivery.logs.amazonaws.com writes ${object} (${who})`, principal: 'delivery.logs.amazonaws.com', action: 's3:PutObject', resource: object, context: { 'aws:SourceAccount': stack.env.account, 's3:x-amz-acl': 'bucket-owner-full-control' } }];
  }));
}

/** WAF delivers to CloudWatch Logs only under the `aws-waf-logs-` prefix; the group's key must let CloudWatch Logs use it. */
export function wafLogDestinations(index: PolicyIndex): Array<{ name: string; logGroupArn: string }> {
  return index.stacks.flatMap((stack) => stack.resources('AWS::WAFv2::LoggingConfiguration').flatMap(([id, config]) => {
    const destinations = stack.resolver.resolve(config.Properties!.LogDestinationConfigs) as string[];
    return destinations.map((arn) => ({ name: `${stack.name}/${id}`, logGroupArn: arn.replace(/:\*$/, '') }));
  }));
}

export function wafLogRequests(index: PolicyIndex): Request[] {
  return wafLogDestinations(index).flatMap(({ name, logGroupArn: groupArn }) => {
    const group = index.find(`${groupArn}:*`);
    if (!group) throw new Error(`${name}: WAF logs to ${groupArn}, which no loaded template declares`);
    if (!/:log-group:aws-waf-logs-/.test(groupArn)) throw new Error(`${name}: WAF delivers to CloudWatch Logs only into groups named aws-waf-logs-*, not ${groupArn}`);
    const keyArn = keyOf(index, group.arn, 'KmsKeyId');
    const principal = `logs.${group.stack.env.region}.amazonaws.com`;
    return keyArn ? [{ name: `WAF log delivery (${name}): ${principal} kms:GenerateDataKey ${keyArn}`, principal, action: 'kms:GenerateDataKey', resource: keyArn, context: { 'kms:EncryptionContext:aws:logs:arn': groupArn } }] : [];
  });
}

/** Elastic Load Balancing's log-delivery account per region (regions opened before August 2022). */
const ELB_LOG_ACCOUNTS: Record<string, string> = { 'eu-west-2': '652711504416', 'us-east-1': '127311923021', 'eu-west-1': '156460612806', 'eu-central-1': '054676820928' };

export function albAccessLogRequests(index: PolicyIndex): Request[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::ElasticLoadBalancingV2::LoadBalancer').flatMap(([id, lb]) => {
    const attributes = (stack.resolver.resolve(lb.Properties?.LoadBalancerAttributes ?? []) as Array<{ Key: string; Value: string }>);
    const attr = (key: string) => attributes.find((a) => a.Key === key)?.Value;
    if (attr('access_logs.s3.enabled') !== 'true') return [];
    const prefix = attr('access_logs.s3.prefix') ? `${attr('access_logs.s3.prefix')}/` : '';
    const object = `arn:aws:s3:::${attr('access_logs.s3.bucket')}/${prefix}AWSLogs/${stack.env.account}/elasticloadbalancing/${stack.env.region}/access.log.gz`;
    const elbAccount = ELB_LOG_ACCOUNTS[stack.env.region];
    const delivery = elbAccount ? administrator(elbAccount) : undefined;
    return [{
      name: `ALB ${stack.name}/${id} access logs: ${delivery ? `ELB account ${elbAccount}` : 'logdelivery.elasticloadbalancing.amazonaws.com'} s3:PutObject ${object}`,
      principal: delivery?.arn.replace(/role\/Administrator$/, 'root') ?? 'logdelivery.elasticloadbalancing.amazonaws.com',
      identityPolicies: delivery?.identityPolicies,
      action: 's3:PutObject',
      resource: object,
    }];
  }));
}
