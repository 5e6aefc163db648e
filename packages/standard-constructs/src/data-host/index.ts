export * from './debian-image';
export * from './timescale-data-host';
export * from './timescale-data-host-props';
export * from './backup-repository';
export * from './continuous-archive-options';
export * from './restore-source';
