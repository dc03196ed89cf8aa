/**
 * The part of @xmldom/xmldom that packages/deduction uses. The package's own typings pull in the whole
 * DOM library (`/// <reference lib="dom" />`), which would retype fetch bodies and WebCrypto keys in
 * every Node file of the project; tsconfig `paths` points the import here instead.
 */
import type { XmlElement } from '../packages/deduction/src/dom-types.ts';

export interface ParseErrorHandler {
  warning?: (msg: string) => void;
  error?: (msg: string) => void;
  fatalError?: (msg: string) => void;
}

export declare class DOMParser {
  constructor(options?: { errorHandler?: ParseErrorHandler });
  parseFromString(source: string, mimeType: string): { documentElement: XmlElement | null } | undefined;
}
