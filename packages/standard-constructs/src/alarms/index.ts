export * from './monitored-host';
export { AlarmTopicAccess, TEAMS_ALARM_TOPIC_NAME } from './forwarder-topic';
export * from './teams-forwarder/teams-alarm-forwarder';
export * from './alarm-action-strategy';
export * from './alarm-threshold';
export * from './standard-alarm-thresholds';
export * from './standard-alarms';
