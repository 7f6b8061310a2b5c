import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * A local SMTP server for tests: plain SMTP on 127.0.0.1 (no STARTTLS, no auth), collecting each
 * accepted message with its raw text, parsed headers and text parts. Not used by the app.
 */

export interface MimePart {
  headers: Map<string, string>;
  /** The decoded body (quoted-printable and base64 undone, as UTF-8). */
  body: string;
}

export interface ReceivedMail {
  raw: string;
  /** Top-level headers, names lower-cased, folded lines joined, encoded words decoded. */
  headers: Map<string, string>;
  /** The leaf parts (a single-part message is one part). */
  parts: MimePart[];
  envelopeFrom: string;
  envelopeTo: string[];
  receivedAt: number;
}

/** What the server answers to a message's DATA: null accepts it. */
export type DataAnswer = { code: number; message: string } | null;

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Messages answered with an error, with their headers, in order. */
  refused: { headers: Map<string, string>; code: number; at: number }[];
  byMessageId(messageId: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    // A repeated header shows up once per line in the raw text; tests count those in `raw`.
    headers.set(name, headers.has(name) ? `${headers.get(name)}\n${value}` : value);
  }
  return { headers, body };
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  switch (transferEncoding?.toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9a-fA-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function leafParts(headers: Map<string, string>, body: string): MimePart[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ headers, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
  const chunks = body.split(`--${boundary}`).slice(1);
  return chunks
    .filter((c) => !c.startsWith('--'))
    .flatMap((chunk) => {
      const part = splitHead(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''));
      return leafParts(part.headers, part.body);
    });
}

export function parseMail(raw: string): { headers: Map<string, string>; parts: MimePart[] } {
  const { headers, body } = splitHead(raw);
  return { headers, parts: leafParts(headers, body) };
}

function readStream(stream: SMTPServerDataStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

export async function startSmtpSink(options: { answer?: (headers: Map<string, string>) => DataAnswer } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refused: SmtpSink['refused'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      readStream(stream).then(
        (raw) => {
          const { headers, parts } = parseMail(raw);
          const answer = options.answer?.(headers) ?? null;
          if (answer) {
            refused.push({ headers, code: answer.code, at: Date.now() });
            return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          }
          received.push({
            raw,
            headers,
            parts,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: Date.now(),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP sink has no port');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    refused,
    byMessageId: (messageId) => received.filter((m) => m.headers.get('message-id') === messageId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
