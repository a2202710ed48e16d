export * from '../../alerts/aggregate';
export * from './format';
export * from '../../alerts/identity';
export * from './constants';
export * from './plan';
export * from '../../alerts/sanitize';
export * from './send';
