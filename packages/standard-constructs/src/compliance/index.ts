export * from './glimpse-compliance';
export * from './glimpse-standards-checks';
export * from './nag-pack-plugin';
