import { randomBytes, randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import { countInquiries, type InquiryRow, insertInquiry, listInquiries } from '../data/inquiries.ts';
import type { InquiryTable, PortalDB } from '../data/schema.ts';

export const inquiryCategories = ['account', 'card', 'notices', 'applications', 'other'] as const;
export type InquiryCategory = (typeof inquiryCategories)[number];

export interface InquiryInput {
  name?: string;
  email?: string;
  category?: string;
  message?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field checks with messages a person can act on; the form shows them next to each field. */
export function checkInquiry(input: InquiryInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = input.name?.trim() ?? '';
  const email = input.email?.trim() ?? '';
  const message = input.message?.trim() ?? '';
  if (name === '')
    errors.push(
      fieldError('/name', 'required', { ja: 'お名前を入力してください。', en: 'Enter your name.' }),
    );
  else if (name.length > 100)
    errors.push(
      fieldError('/name', 'maxLength', {
        ja: 'お名前は100文字以内で入力してください。',
        en: 'Your name must be 100 characters or fewer.',
      }),
    );
  if (email === '')
    errors.push(
      fieldError('/email', 'required', {
        ja: 'メールアドレスを入力してください。',
        en: 'Enter your e-mail address.',
      }),
    );
  else if (!emailPattern.test(email) || email.length > 254)
    errors.push(
      fieldError('/email', 'format', {
        ja: 'メールアドレスを正しい形式（例：name@example.jp）で入力してください。',
        en: 'Enter an e-mail address in the correct format, like name@example.jp.',
      }),
    );
  if (!inquiryCategories.includes(input.category as InquiryCategory))
    errors.push(
      fieldError('/category', 'enum', {
        ja: 'お問い合わせの種類を選んでください。',
        en: 'Choose what your inquiry is about.',
      }),
    );
  if (message === '')
    errors.push(
      fieldError('/message', 'required', {
        ja: 'お問い合わせ内容を入力してください。',
        en: 'Enter your question.',
      }),
    );
  else if (message.length > 4000)
    errors.push(
      fieldError('/message', 'maxLength', {
        ja: 'お問い合わせ内容は4000文字以内で入力してください。',
        en: 'Your question must be 4000 characters or fewer.',
      }),
    );
  return errors;
}

/** Human-friendly reference like Q-20261123-7KD3M9: what a person reads out on the phone. */
function newReference(now: Date): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(6);
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `Q-${day}-${suffix}`;
}

export interface InquiryContext {
  db: Kysely<PortalDB>;
  requestId: string;
}

export async function submitInquiry(
  ctx: InquiryContext,
  input: InquiryInput,
  lang: 'ja' | 'en',
): Promise<{ reference: string }> {
  const fields = checkInquiry(input);
  if (fields.length > 0) throw new AppError('inquiry.invalid', { fields });
  const id = randomUUID();
  const reference = newReference(new Date());
  await ctx.db.transaction().execute(async (trx) => {
    await insertInquiry(trx, {
      id,
      reference,
      name: (input.name ?? '').trim(),
      email: (input.email ?? '').trim(),
      category: input.category as InquiryTable['category'],
      message: (input.message ?? '').trim(),
      lang,
    });
    await writeAudit(trx, {
      type: 'inquiry.created',
      actor: 'public:anonymous',
      purpose: '問い合わせ受付 (answering the inquiry)',
      requestId: ctx.requestId,
      subject: `inquiry:${id}`,
      outcome: 'success',
    });
  });
  return { reference };
}

export async function listInquiriesForStaff(
  ctx: InquiryContext,
  actor: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: InquiryRow[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const items = await listInquiries(trx, page.limit, page.offset);
    const total = await countInquiries(trx);
    await writeAudit(trx, {
      type: 'inquiry.listed',
      actor,
      purpose: '問い合わせ対応 (answering inquiries)',
      requestId: ctx.requestId,
      outcome: 'success',
      detail: { count: items.length, offset: page.offset },
    });
    return { total, items };
  });
}
