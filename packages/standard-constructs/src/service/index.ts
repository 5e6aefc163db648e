export * from './data-store-endpoints';
