import { ContainerEnvironmentNoSecrets } from './container-environment-no-secrets';
import { ContainerImagePinned } from './container-image-pinned';
import { Ec2Imdsv2Required } from './ec2-imdsv2-required';
import { Ec2TerminationProtection } from './ec2-termination-protection';
import { EcrImmutableTags } from './ecr-immutable-tags';
import { EcrScanOnPush } from './ecr-scan-on-push';
import { LogGroupEncrypted } from './log-group-encrypted';
import { LogGroupRetention } from './log-group-retention';
import { RequiredTags } from './required-tags';
import { ServiceDedicatedRoles } from './service-dedicated-roles';
import { ServiceTagPropagation } from './service-tag-propagation';
import { StatefulResourceRetained } from './stateful-resource-retained';
import { TaskDefinitionExplicitSize } from './task-definition-explicit-size';
import { UserDataNoSecrets } from './user-data-no-secrets';
import { WebServiceNotOnSpot } from './web-service-not-on-spot';
import { GlimpseRule } from '../private/rule';

/** Every rule of the Glimpse standards pack, in report order. */
export const GLIMPSE_RULES: readonly GlimpseRule[] = [
  RequiredTags,
  ContainerImagePinned,
  TaskDefinitionExplicitSize,
  ServiceTagPropagation,
  WebServiceNotOnSpot,
  ServiceDedicatedRoles,
  LogGroupRetention,
  LogGroupEncrypted,
  EcrImmutableTags,
  EcrScanOnPush,
  Ec2Imdsv2Required,
  Ec2TerminationProtection,
  ContainerEnvironmentNoSecrets,
  UserDataNoSecrets,
  StatefulResourceRetained,
];
