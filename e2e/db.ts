/** The test database, for specs that set up or inspect state directly. */
import { connect, type Connection } from '../db/connect';

let connection: Connection | null = null;

export function testDb(): Connection {
  connection ??= connect(process.env.DATABASE_URL!, { max: 2 });
  return connection;
}

export async function closeTestDb(): Promise<void> {
  await connection?.sql.end({ timeout: 2 });
  connection = null;
}
