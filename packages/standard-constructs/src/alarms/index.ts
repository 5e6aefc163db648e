export * from './monitored-host';
export * from './forwarder-topic';
export * from './teams-forwarder/teams-alarm-forwarder';
