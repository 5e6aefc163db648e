export * from './data-store-endpoints';
export * from './data-store-environment';
export * from './service-autoscaling-options';
export * from './service-image';
export * from './standard-cluster';
export * from './tracker-fargate-service';
export * from './web-service-options';
export * from './worker-options';
