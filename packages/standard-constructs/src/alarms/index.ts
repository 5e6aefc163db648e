export * from './monitored-host';
// Only the name: the import helper beside it is for the library's own constructs.
export { TEAMS_ALARM_TOPIC_NAME } from './forwarder-topic';
export * from './teams-forwarder/teams-alarm-forwarder';
export * from './alarm-action-strategy';
export * from './alarm-threshold';
export * from './standard-alarm-thresholds';
export * from './standard-alarms';
