export * from './monitored-host';
export { AlarmTopicAccess, TEAMS_ALARM_TOPIC_NAME } from './forwarder-topic';
export * from './teams-forwarder/teams-alarm-forwarder';
export * from './alarm-action-strategy';
export { AlarmThreshold } from './alarm-threshold';
export { StandardAlarmThresholds } from './signals';
export * from './standard-alarms';
