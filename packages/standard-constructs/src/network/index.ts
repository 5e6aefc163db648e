export * from './standard-vpc';
export * from './vpc-peering';
