/** One message as the catcher received and parsed it. */
export interface Message {
  id: string;
  /** The From header as written (display name included), or the envelope sender without one. */
  from: string;
  /** Envelope recipients: where the message was really delivered, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** ISO 8601, UTC. */
  receivedAt: string;
  /** Decoded headers in message order, for the detail page. */
  headers: { name: string; value: string }[];
}

export function isAddressedTo(message: Message, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return message.to.some((t) => t.toLowerCase() === wanted);
}
