export * from './monitored-host';
