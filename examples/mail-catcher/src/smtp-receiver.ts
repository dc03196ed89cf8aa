import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Message } from './message.ts';
import { parseMessage } from './parse-message.ts';

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  /** Largest message accepted, in bytes; larger ones are answered 552. */
  maxBytes: number;
  onMessage(message: Message): void;
  onError(err: unknown): void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

function tooBig(maxBytes: number): Error {
  const err = new Error(`message exceeds fixed maximum message size ${maxBytes}`) as Error & {
    responseCode: number;
  };
  err.responseCode = 552;
  return err;
}

/**
 * A plain SMTP server that accepts every message for every recipient: no authentication and no
 * TLS, because it only ever listens on the developer's machine and never relays anything.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    name: 'mail-catcher.madoguchi.localhost',
    banner: 'madoguchi mail catcher (development only; nothing is relayed)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    // Refused at the end of DATA whatever onData says; a client announcing SIZE= is refused earlier.
    rejectOversized: true,
    maxClients: 50,
    // Clients are local; a reverse DNS lookup would only add up to 1.5 s per connection offline.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        // Keep reading an oversized message to the end (SMTP needs the terminating dot) but do not hold it.
        bytes += chunk.length;
        if (bytes <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > options.maxBytes) return callback(tooBig(options.maxBytes));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        parseMessage(Buffer.concat(chunks), envelope, new Date()).then(
          (message) => {
            options.onMessage(message);
            callback(null, `queued as ${message.id}`);
          },
          (err: unknown) => {
            options.onError(err);
            callback(err instanceof Error ? err : new Error('message could not be parsed'));
          },
        );
      });
    },
  });
  server.on('error', (err) => options.onError(err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
