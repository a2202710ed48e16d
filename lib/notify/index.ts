export * from './aggregate';
export * from './format';
export * from './identity';
export * from './limits';
export * from './plan';
export * from './sanitize';
export * from './send';
