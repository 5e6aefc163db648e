export * from './standard-vpc';
