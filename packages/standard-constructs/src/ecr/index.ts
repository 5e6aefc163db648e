export * from './glimpse-accounts';
export * from './shared-ecr-repo';
export * from './shared-repo-import-props';
export * from './image-retention';
