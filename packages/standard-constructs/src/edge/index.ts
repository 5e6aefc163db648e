export * from './external-dns-certificate';
export * from './public-load-balancer';
export * from './standard-web-acl';
