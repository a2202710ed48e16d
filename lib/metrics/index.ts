export * from './build';
export * from './limits';
export * from './publish';
