/**
 * The checks on a notice a staff member composes (docs/notices.md "Model"), each problem named by its
 * JSON path so the API and the page can point at the field: kind from the closed list, title and body
 * lengths, actions, PDF attachments (by the `%PDF-` magic, not the name), expiry in the future.
 */
import { createHash } from 'node:crypto';
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import { isNoticeKind, type NoticeKind } from '@madoguchi/reference';
import { type SegmentRule, validateSegmentRule } from './segment-rule.ts';

export const NOTICE_LIMITS = {
  title: 120,
  body: 10_000,
  actions: 3,
  attachments: 3,
  attachmentBytes: 2 * 1024 * 1024,
} as const;

export type NoticeAudience = { type: 'person'; fugo: string } | { type: 'segment'; rule: SegmentRule };

export interface NoticeAction {
  type: 'apply' | 'pay' | 'link';
  label: string;
  url: string;
}

export interface NoticeAttachmentInput {
  filename: string;
  content: Buffer;
  sha256: string;
}

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
  audience: NoticeAudience;
  actions: NoticeAction[];
  attachments: NoticeAttachmentInput[];
  expiresAt: Date | null;
}

const msg = (ja: string, en: string) => ({ ja, en });
/** C0 controls other than tab and newline, and DEL: never meaningful in a notice. */
const hasControlChars = (s: string) =>
  [...s].some((c) => {
    const n = c.charCodeAt(0);
    return (n < 0x20 && n !== 0x09 && n !== 0x0a) || n === 0x7f;
  });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** https:// anywhere; http:// only to localhost (development), like the inbox's link rule. */
export function isAllowedUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (
      u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(u.hostname))
    );
  } catch {
    return false;
  }
}

function text(v: unknown, max: number, path: string, problems: FieldError[], multiline = false): string {
  if (typeof v !== 'string' || v.trim() === '') {
    problems.push(fieldError(path, 'required', msg('入力してください。', 'Enter a value.')));
    return '';
  }
  const s = v.replace(/\r\n/g, '\n').trim();
  if (s.length > max)
    problems.push(
      fieldError(path, 'maxLength', msg(`${max}文字以内で入力してください。`, `At most ${max} characters.`)),
    );
  if (hasControlChars(s) || (!multiline && s.includes('\n')))
    problems.push(
      fieldError(
        path,
        'pattern',
        msg('使えない文字が含まれています。', 'Contains characters that are not allowed.'),
      ),
    );
  return s;
}

function actions(v: unknown, problems: FieldError[]): NoticeAction[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > NOTICE_LIMITS.actions) {
    problems.push(
      fieldError('/body/actions', 'maxItems', msg('操作リンクは3つまでです。', 'At most 3 actions.')),
    );
    return [];
  }
  return v.map((a, i) => {
    const path = `/body/actions/${i}`;
    const o = isObject(a) ? a : {};
    const type = o.type;
    if (type !== 'apply' && type !== 'pay' && type !== 'link')
      problems.push(
        fieldError(`${path}/type`, 'enum', msg('種類が正しくありません。', 'Use apply, pay or link.')),
      );
    const label = text(o.label, 40, `${path}/label`, problems);
    const url = typeof o.url === 'string' ? o.url : '';
    if (!isAllowedUrl(url) || url.length > 2000)
      problems.push(
        fieldError(
          `${path}/url`,
          'format',
          msg('https:// で始まるURLを入力してください。', 'Give an https:// URL.'),
        ),
      );
    return { type: type as NoticeAction['type'], label, url };
  });
}

function attachments(v: unknown, problems: FieldError[]): NoticeAttachmentInput[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > NOTICE_LIMITS.attachments) {
    problems.push(
      fieldError(
        '/body/attachments',
        'maxItems',
        msg('添付ファイルは3つまでです。', 'At most 3 attachments.'),
      ),
    );
    return [];
  }
  const out: NoticeAttachmentInput[] = [];
  v.forEach((a, i) => {
    const path = `/body/attachments/${i}`;
    const o = isObject(a) ? a : {};
    const filename = text(o.filename, 200, `${path}/filename`, problems);
    if (/[/\\]/.test(filename))
      problems.push(
        fieldError(
          `${path}/filename`,
          'pattern',
          msg('ファイル名が正しくありません。', 'Not a valid file name.'),
        ),
      );
    const data = typeof o.data === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(o.data) ? o.data : undefined;
    const content = data === undefined ? undefined : Buffer.from(data, 'base64');
    if (!content) {
      problems.push(
        fieldError(
          `${path}/data`,
          'contentEncoding',
          msg('ファイルの内容が正しくありません。', 'Give the file as base64.'),
        ),
      );
      return;
    }
    if (content.length > NOTICE_LIMITS.attachmentBytes)
      problems.push(
        fieldError(
          `${path}/data`,
          'maxSize',
          msg('ファイルは2MiB以内にしてください。', 'At most 2 MiB per file.'),
        ),
      );
    else if (content.subarray(0, 5).toString('latin1') !== '%PDF-')
      problems.push(
        fieldError(
          `${path}/data`,
          'pdf',
          msg('PDFファイルだけを添付できます。', 'Only PDF files can be attached.'),
        ),
      );
    else out.push({ filename, content, sha256: createHash('sha256').update(content).digest('hex') });
  });
  return out;
}

function expiry(v: unknown, problems: FieldError[], now: Date): Date | null {
  if (v === undefined || v === null || v === '') return null;
  const d =
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v)
      ? new Date(v)
      : undefined;
  if (!d || Number.isNaN(d.getTime()) || d <= now) {
    problems.push(
      fieldError(
        '/body/expiresAt',
        'format',
        msg('未来の日時を入力してください。', 'Give a future date and time.'),
      ),
    );
    return null;
  }
  return d;
}

export function checkAudience(
  v: unknown,
  residentFields: boolean,
  problems: FieldError[],
): NoticeAudience | undefined {
  const path = '/body/audience';
  if (!isObject(v)) {
    problems.push(fieldError(path, 'required', msg('宛先を指定してください。', 'Give an audience.')));
    return undefined;
  }
  if (v.type === 'person') {
    if (typeof v.fugo !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v.fugo)) {
      problems.push(
        fieldError(`${path}/fugo`, 'pattern', msg('符号が正しくありません。', 'Not a valid link code.')),
      );
      return undefined;
    }
    return { type: 'person', fugo: v.fugo };
  }
  if (v.type === 'segment') {
    try {
      return { type: 'segment', rule: validateSegmentRule(v.rule, `${path}/rule`, residentFields) };
    } catch (err) {
      if (err instanceof AppError) problems.push(...err.fields);
      else throw err;
      return undefined;
    }
  }
  problems.push(
    fieldError(
      `${path}/type`,
      'enum',
      msg('宛先の種類は person か segment です。', 'Use person or segment.'),
    ),
  );
  return undefined;
}

/** Checks a whole notice; every problem is reported at once in one `validation.failed`. */
export function checkNoticeInput(body: unknown, residentFields: boolean, now = new Date()): NoticeInput {
  const problems: FieldError[] = [];
  const b = isObject(body) ? body : {};
  const kind = b.kind;
  if (typeof kind !== 'string' || !isNoticeKind(kind))
    problems.push(fieldError('/body/kind', 'enum', msg('種類が正しくありません。', 'Unknown notice kind.')));
  const input = {
    kind: kind as NoticeKind,
    title: text(b.title, NOTICE_LIMITS.title, '/body/title', problems),
    body: text(b.body, NOTICE_LIMITS.body, '/body/body', problems, true),
    audience: checkAudience(b.audience, residentFields, problems),
    actions: actions(b.actions, problems),
    attachments: attachments(b.attachments, problems),
    expiresAt: expiry(b.expiresAt, problems, now),
  };
  const extra = Object.keys(b).find(
    (k) => !['kind', 'title', 'body', 'audience', 'actions', 'attachments', 'expiresAt'].includes(k),
  );
  if (extra !== undefined)
    problems.push(
      fieldError(
        `/body/${extra}`,
        'additionalProperties',
        msg('この項目は指定できません。', 'Unknown property.'),
      ),
    );
  if (problems.length > 0 || !input.audience) throw new AppError('validation.failed', { fields: problems });
  return { ...input, audience: input.audience };
}
