export * from './shared-ecr-repo';
export * from './image-retention';
