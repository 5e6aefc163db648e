export * from './glimpse-accounts';
export * from './shared-ecr-repo';
export { SharedEcrRepoImportProps } from './shared-repo-import';
