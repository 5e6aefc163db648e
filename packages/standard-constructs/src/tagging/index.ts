export * from './standard-tags';
export * from './tag-keys';
