export * from './packs/seed';
export * from './compiled';
export * from './evaluate';
export * from './prefilter';
export * from './precheck';
