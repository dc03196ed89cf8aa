import type { AddressInfo } from 'node:net';
import type { Message } from './message.ts';
import { createMessageStore } from './message-store.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';
import { buildWebApp } from './web-app.ts';

export interface MailCatcherOptions {
  /** 0 picks a free port; the one chosen is returned. */
  smtpPort: number;
  webPort: number;
  host: string;
  /** Default 1 MiB. */
  maxMessageBytes?: number;
  /** Default 500; older messages are forgotten. */
  capacity?: number;
  mode?: 'development' | 'test' | 'production';
  logLevel?: string;
}

export interface MailCatcher {
  smtpPort: number;
  webUrl: string;
  /** Newest first. */
  messages(): Message[];
  /**
   * The newest message delivered to `to` (case-insensitive), or the next one to arrive. Tests that
   * send to the same address twice use distinct addresses or `clear()` in between.
   */
  waitForMessage(to: string, timeoutMs?: number): Promise<Message>;
  clear(): void;
  close(): Promise<void>;
}

/** Starts the SMTP side and the web side together; either failing to listen stops both. */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const store = createMessageStore(options.capacity ?? 500);
  const web = await buildWebApp(store, {
    mode: options.mode ?? 'development',
    logLevel: options.logLevel ?? 'info',
  });
  const smtp = await startSmtpReceiver({
    host: options.host,
    port: options.smtpPort,
    maxBytes: options.maxMessageBytes ?? 1024 * 1024,
    onMessage: (message) => {
      store.add(message);
      web.log.info({ id: message.id, recipients: message.to.length }, 'message received');
    },
    onError: (err) => web.log.warn({ err }, 'smtp error'),
  });
  try {
    await web.listen({ host: options.host, port: options.webPort });
  } catch (err) {
    await smtp.close();
    throw err;
  }
  const { port: webPort } = web.server.address() as AddressInfo;
  const webHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    smtpPort: smtp.port,
    webUrl: `http://${webHost.includes(':') ? `[${webHost}]` : webHost}:${webPort}`,
    messages: () => store.list(),
    waitForMessage: (to, timeoutMs = 5000) => store.waitFor(to, timeoutMs),
    clear: () => {
      store.clear();
    },
    async close() {
      store.close();
      await smtp.close();
      await web.close();
    },
  };
}
