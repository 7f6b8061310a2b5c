import 'server-only';
import type { Database } from '@/db/client';
import type { TransportConfig } from '../config';
import { devMailboxTransport } from './dev-mailbox';
import { smtpTransport } from './smtp';
import type { EmailTransport } from './types';

export type { EmailTransport, TransportMessage } from './types';

export function createTransport(config: TransportConfig, database: Database): EmailTransport {
  return config.kind === 'smtp' ? smtpTransport(config.url) : devMailboxTransport(database);
}
