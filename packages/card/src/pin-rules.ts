import { AppError } from '@madoguchi/errors';

/**
 * The three PINs of a My Number card and what each protects:
 * - auth (利用者証明用): the authentication key, 4 digits, 3 tries
 * - sign (署名用): the signature key, 6–16 of A–Z and 0–9 with at least one letter and one digit, 5 tries
 * - support (券面事項入力補助用): the 券面事項 (basic facts), 4 digits, 3 tries
 */
export type PinKind = 'auth' | 'sign' | 'support';

export const pinKinds: readonly PinKind[] = ['auth', 'sign', 'support'];

export const maxTries: Readonly<Record<PinKind, number>> = { auth: 3, sign: 5, support: 3 };

export function isValidPin(kind: PinKind, pin: string): boolean {
  if (kind === 'sign') return /^[A-Z0-9]{6,16}$/.test(pin) && /[A-Z]/.test(pin) && /[0-9]/.test(pin);
  return /^[0-9]{4}$/.test(pin);
}

/** Format errors never touch the counter: they are typing mistakes, not guesses. */
export function checkPinFormat(kind: PinKind, pin: string): void {
  if (!isValidPin(kind, pin)) throw new AppError('card.pin_format', { details: { pin: kind } });
}
