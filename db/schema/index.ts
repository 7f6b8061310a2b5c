export * from './catalog';
export * from './inventory';
export * from './auth';
export * from './security';
export * from './payments';
export * from './stripe-emulator';
export * from './cart';
export * from './orders';
