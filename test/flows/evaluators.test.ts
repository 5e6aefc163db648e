/** The suite's own machinery: intrinsic resolution and the security-group evaluator, on hand-made inputs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Resolver } from './intrinsics';
import { contains } from './network/cidr';
import { Endpoint, Reachability, Rule, SecurityGroup } from './network/security-groups';

const env = { account: '111111111111', region: 'eu-west-2', partition: 'aws' };

function resolver(template: object, parameters: Record<string, unknown> = {}, exports: Record<string, unknown> = {}): Resolver {
  return new Resolver({ name: 'Test', env, template, parameters }, (name) => exports[name]);
}

describe('intrinsics', () => {
  const template = {
    Parameters: { Given: {}, Defaulted: { Default: 'fallback' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Given' }, 'prod'] } },
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alarms' } },
      Queue: { Type: 'AWS::SQS::Queue' },
      Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/team/' } },
    },
  };
  const r = resolver(template, { Given: 'prod' }, { SharedKey: 'arn:aws:kms:eu-west-2:222222222222:key/k' });

  it('Ref and GetAtt give the ARNs and names a deployed stack would have', () => {
    assert.equal(r.resolve({ Ref: 'Topic' }), 'arn:aws:sns:eu-west-2:111111111111:alarms');
    assert.equal(r.resolve({ Ref: 'Queue' }), 'https://sqs.eu-west-2.amazonaws.com/111111111111/queue');
    assert.equal(r.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] }), 'arn:aws:sqs:eu-west-2:111111111111:queue');
    assert.equal(r.resolve({ 'Fn::GetAtt': ['Role', 'Arn'] }), 'arn:aws:iam::111111111111:role/team/role');
  });

  it('Join, Sub, Select, Split, parameters, conditions and imports', () => {
    assert.equal(r.resolve({ 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }]] }), 'a:eu-west-2');
    assert.equal(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::AccountId}:${Topic}' }), 'arn:aws:x:111111111111:arn:aws:sns:eu-west-2:111111111111:alarms');
    assert.equal(r.resolve({ 'Fn::Sub': ['${A}-${Defaulted}', { A: 'b' }] }), 'b-fallback');
    assert.equal(r.resolve({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'x/y/z'] }] }), 'y');
    assert.equal(r.resolve({ 'Fn::If': ['IsProd', 'big', 'small'] }), 'big');
    assert.equal(r.resolve({ 'Fn::ImportValue': 'SharedKey' }), 'arn:aws:kms:eu-west-2:222222222222:key/k');
  });

  it('an unknown logical id fails loudly, naming the stack', () => {
    assert.throws(() => r.resolve({ Ref: 'Missing' }), /Test: no resource or parameter Missing/);
  });
});

const tcp = (port: number, peer: Partial<Rule>): Rule => ({ protocol: 'tcp', fromPort: port, toPort: port, ...peer });
function group(id: string, ingress: Rule[], egress: Rule[]): [string, SecurityGroup] {
  return [id, { id, stack: undefined as never, logicalId: id, ingress, egress }];
}
const endpoint = (name: string, groups: string[], range: string): Endpoint => ({ name, kind: 'service', groups, ranges: [range] });

describe('security-group reachability', () => {
  const web = endpoint('web', ['sg-web'], '10.0.1.0/24');
  const db = endpoint('db', ['sg-db'], '10.0.2.0/24');

  it('needs both sides: the source\'s egress and the destination\'s ingress', () => {
    const both = new Reachability(new Map([group('sg-web', [], [tcp(5432, { group: 'sg-db' })]), group('sg-db', [tcp(5432, { group: 'sg-web' })], [])]));
    assert.equal(both.reaches(web, db, 5432), true);
    assert.equal(both.reaches(web, db, 6379), false);
    const noIngress = new Reachability(new Map([group('sg-web', [], [tcp(5432, { group: 'sg-db' })]), group('sg-db', [], [])]));
    assert.equal(noIngress.reaches(web, db, 5432), false);
  });

  it('a CIDR rule admits a peer only if it covers all of the peer\'s addresses', () => {
    const sgs = new Map([group('sg-web', [], [tcp(5432, { cidr: '10.0.0.0/16' })]), group('sg-db', [tcp(5432, { cidr: '10.0.1.0/25' })], [])]);
    assert.equal(new Reachability(sgs).reaches(web, db, 5432), false);
    sgs.get('sg-db')!.ingress.push(tcp(5432, { cidr: '10.0.1.0/24' }));
    assert.equal(new Reachability(sgs).reaches(web, db, 5432), true);
  });

  it('protocol -1 admits every port; reachesCidr checks egress to a whole block', () => {
    const sgs = new Map([group('sg-web', [], [{ protocol: '-1', fromPort: -1, toPort: -1, cidr: '0.0.0.0/0' }])]);
    assert.equal(new Reachability(sgs).reachesCidr(web, '10.20.0.0/16', 6379), true);
    const only443 = new Map([group('sg-web', [], [tcp(443, { cidr: '0.0.0.0/0' })])]);
    assert.equal(new Reachability(only443).reachesCidr(web, '0.0.0.0/0', 443), true);
    assert.equal(new Reachability(only443).reachesCidr(web, '0.0.0.0/0', 80), false);
  });

  it('lists every rule open to the internet', () => {
    const sgs = new Map([group('sg-lb', [tcp(443, { cidr: '0.0.0.0/0' }), tcp(22, { cidr: '::/0' }), tcp(80, { cidr: '10.0.0.0/8' })], [])]);
    assert.deepEqual(new Reachability(sgs).openToAnywhere().map((o) => o.rule.fromPort), [443, 22]);
  });

  it('CIDR containment', () => {
    assert.equal(contains('10.0.0.0/16', '10.0.3.0/24'), true);
    assert.equal(contains('10.0.3.0/24', '10.0.0.0/16'), false);
    assert.equal(contains('0.0.0.0/0', '192.168.1.1/32'), true);
  });
});
