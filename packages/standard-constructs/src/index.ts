// Re-exports only: each construct family lives in its own folder.
export * from './alarms';
export * from './compliance';
export * from './data-host';
export * from './ecr';
export * from './edge';
export * from './encryption';
export * from './monitoring';
export * from './network';
export * from './observability';
export * from './service';
export * from './tagging';
