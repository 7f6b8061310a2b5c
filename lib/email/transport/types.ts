/** One message as handed to a transport: rendered, addressed, with its fixed Message-ID. */
export interface TransportMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * The one interface every email transport implements. `send` resolves only once the transport has
 * accepted the message (the SMTP server's 250 to DATA, or the dev mailbox's committed row) and
 * throws otherwise; the worker marks a message sent only after it resolves.
 */
export interface EmailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: TransportMessage): Promise<void>;
  close(): Promise<void>;
}
