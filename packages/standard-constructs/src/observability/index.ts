export * from './service-dashboard';
export * from './service-log-queries';
