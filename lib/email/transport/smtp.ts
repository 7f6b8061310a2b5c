import 'server-only';
import nodemailer from 'nodemailer';
import type { EmailTransport, TransportMessage } from './types';

/**
 * SMTP through nodemailer. The URL says how: smtp:// upgrades with STARTTLS when the server offers
 * it (add ?requireTLS=true to insist), smtps:// speaks TLS from the first byte (port 465). Short
 * timeouts, so a stuck server fails the attempt (and pg-boss retries it) well before the job expires.
 */
export function smtpTransport(url: string): EmailTransport {
  // Keys the URL does not set apply; the URL's own query (?requireTLS=true, ...) wins.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    async send(message: TransportMessage) {
      await transporter.sendMail({
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
      });
    },
    async close() {
      transporter.close();
    },
  };
}
