import { Stack } from 'aws-cdk-lib';
import { glimpseFindings } from './glimpse-findings';
import { SharedEcrRepo } from '../../src/ecr';
import { TrackerWebService } from '../../src/service';
import { StandardTags } from '../../src/tagging';
import { apiProps, platform } from '../service/fixtures';

/**
 * The library's own constructs meet the organisation's standards by default:
 * a consumer who tags the stack gets no Glimpse findings.
 */
describe('the library passes its own standards pack', () => {
  const tag = (stack: Stack) => StandardTags.apply(stack, {
    environment: 'staging',
    application: 'tracker',
    component: 'api',
    version: '4f3ebae951a368bda79d84632a831a4f266b1bed',
    repository: 'https://github.com/glimpse-technology/platform-constructs',
  });

  test('SharedEcrRepo', () => {
    expect(glimpseFindings((stack) => {
      new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', pullAccounts: ['222222222222'], pushAccounts: ['333333333333'] });
      tag(stack);
    })).toEqual([]);
  });

  test('TrackerWebService (with the standard cluster)', () => {
    expect(glimpseFindings((stack) => {
      new TrackerWebService(stack, 'Api', apiProps(platform(stack)));
      tag(stack);
    })).toEqual([]);
  });
});
