import { isAddressedTo, type Message } from './message.ts';

interface Waiter {
  to: string;
  resolve(message: Message): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export interface MessageStore {
  add(message: Message): void;
  /** Newest first. */
  list(): Message[];
  find(id: string): Message | undefined;
  clear(): number;
  waitFor(to: string, timeoutMs: number): Promise<Message>;
  /** Rejects whoever is still waiting. */
  close(): void;
}

/**
 * The newest `capacity` messages, in memory: a development tool, so a restart forgetting them
 * is fine, while a bound keeps a long-running `madoguchi start` from growing without limit.
 */
export function createMessageStore(capacity: number): MessageStore {
  const messages: Message[] = [];
  const waiters = new Set<Waiter>();

  const settle = (w: Waiter) => {
    clearTimeout(w.timer);
    waiters.delete(w);
  };

  return {
    add(message) {
      messages.unshift(message);
      if (messages.length > capacity) messages.length = capacity;
      for (const w of waiters) {
        if (isAddressedTo(message, w.to)) {
          settle(w);
          w.resolve(message);
        }
      }
    },
    list: () => [...messages],
    find: (id) => messages.find((m) => m.id === id),
    clear() {
      const n = messages.length;
      messages.length = 0;
      return n;
    },
    waitFor(to, timeoutMs) {
      // A message that arrived before the caller started waiting counts: sending usually
      // finishes before a test gets round to asking.
      const existing = messages.find((m) => isAddressedTo(m, to));
      if (existing) return Promise.resolve(existing);
      return new Promise<Message>((resolve, reject) => {
        const waiter: Waiter = {
          to,
          resolve,
          reject,
          timer: setTimeout(() => {
            settle(waiter);
            const seen = [...new Set(messages.flatMap((m) => m.to))].slice(0, 10);
            reject(
              new Error(
                `mail-catcher: no message to ${to} within ${timeoutMs} ms ` +
                  `(${messages.length} held, addressed to: ${seen.length > 0 ? seen.join(', ') : 'nobody'})`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close() {
      for (const w of waiters) {
        settle(w);
        w.reject(new Error(`mail-catcher: closed while waiting for a message to ${w.to}`));
      }
    },
  };
}
