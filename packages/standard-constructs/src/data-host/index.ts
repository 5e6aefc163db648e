export * from './debian-image';
export * from './timescale-data-host';
