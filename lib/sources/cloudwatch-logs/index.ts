export * from './errors';
export * from '../log-event';
export * from './decode';
