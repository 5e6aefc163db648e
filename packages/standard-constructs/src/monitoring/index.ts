export * from './monitored-environment';
