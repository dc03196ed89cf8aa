/**
 * The two request bodies of the application pages, checked before anything reads them: the form as
 * @fastify/formbody parses it, and one multipart upload (read into memory, at most the file cap).
 */
import { AppError } from '@madoguchi/errors';
import type { FastifyRequest } from 'fastify';
import type { PostedForm } from './form-values.ts';

/** The multipart body of an upload: the CSRF token, the document id and one file (read into memory). */
export async function readUpload(req: FastifyRequest) {
  const fields: Record<string, string> = {};
  let file: { filename: string; bytes: Buffer; truncated: boolean } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && part.filename !== '')
        file = { filename: part.filename, bytes, truncated: part.file.truncated };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, file };
}

/** A urlencoded body as @fastify/formbody parses it: each name to a string, or strings when repeated. */
export function postedForm(body: unknown): PostedForm {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('request.malformed');
  const out: PostedForm = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) out[k] = v;
    else throw new AppError('request.malformed');
  }
  return out;
}
