export * from './debian-image';
export * from './timescale-data-host';
export * from './timescale-data-host-props';
