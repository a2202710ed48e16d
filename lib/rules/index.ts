export * from './definitions';
export * from './compiled';
export * from './evaluate';
export * from './prefilter';
export * from './precheck';
