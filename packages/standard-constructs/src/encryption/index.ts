export * from './project-key';
