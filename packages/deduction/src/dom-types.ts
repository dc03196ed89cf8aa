/**
 * The few DOM node properties the certificate reader uses, typed here so the project does not load the
 * browser DOM library (see types/xmldom.d.ts).
 */
export interface XmlNode {
  nodeType: number;
  firstChild: XmlNode | null;
  nextSibling: XmlNode | null;
  textContent: string | null;
}

export interface XmlElement extends XmlNode {
  namespaceURI: string | null;
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  attributes: { length: number; item(i: number): { name: string; value: string } | null };
}

/** A parsed document; the parser's result is checked to have a root before it becomes one. */
export interface XmlDocument {
  documentElement: XmlElement;
}
