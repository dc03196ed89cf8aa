/** Strict XML parsing for untrusted certificates: no DTDs, no parse errors tolerated, bounded size. */

import { DOMParser } from '@xmldom/xmldom';
import type { XmlDocument, XmlElement } from './dom-types.ts';

export const MAX_CERTIFICATE_BYTES = 512 * 1024;

export function parseStrict(xml: string): XmlDocument {
  if (Buffer.byteLength(xml, 'utf8') > MAX_CERTIFICATE_BYTES) throw new TypeError('document too large');
  // A DTD can declare entities (and, elsewhere, fetch them); certificates never need one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new TypeError('DTDs are not allowed');
  const fail = (msg: string) => {
    throw new TypeError(`not well-formed XML: ${msg.split('\n')[0]}`);
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: fail, fatalError: fail },
  }).parseFromString(xml, 'application/xml');
  if (!doc?.documentElement) throw new TypeError('no root element');
  return doc as unknown as XmlDocument;
}

export function childElements(parent: XmlElement, ns?: string, localName?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as XmlElement;
    if (ns !== undefined && e.namespaceURI !== ns) continue;
    if (localName !== undefined && e.localName !== localName) continue;
    out.push(e);
  }
  return out;
}

/** The one child with this name, or undefined when there is none or more than one. */
export function onlyChild(parent: XmlElement, ns: string, localName: string): XmlElement | undefined {
  const found = childElements(parent, ns, localName);
  return found.length === 1 ? found[0] : undefined;
}

export function allElements(doc: XmlDocument): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    out.push(e);
    for (const c of childElements(e)) walk(c);
  };
  walk(doc.documentElement);
  return out;
}
