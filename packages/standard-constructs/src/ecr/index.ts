export * from './shared-ecr-repo';
