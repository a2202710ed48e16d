export * from './plan';
export * from './constants';
export * from './send';
