export * from './catalog';
export * from './inventory';
export * from './auth';
export * from './payments';
