/**
 * Configures the two ASN.1 libraries once, on import: @peculiar/x509 needs reflect-metadata loaded
 * before it and a WebCrypto provider; pkijs needs an engine. Every module that uses either imports
 * this first.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

export const nodeWebCrypto: webcrypto.Crypto = webcrypto;

x509.cryptoProvider.set(nodeWebCrypto);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: nodeWebCrypto }));

export { pkijs, x509 };
