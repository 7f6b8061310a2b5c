export * from './catalog';
export * from './inventory';
export * from './auth';
export * from './payments';
export * from './cart';
export * from './orders';
