import { inject } from 'vitest';
import { connect, type Connection } from '../db/connect';

/** A pool on this run's fresh test database (created by test/global-setup.ts). */
export function testConnection(): Connection {
  return connect(inject('databaseUrl'), { max: 10 });
}
