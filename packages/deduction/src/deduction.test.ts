import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { corporateNumberCheckDigit } from '@madoguchi/identifiers';
import {
  buildDeductionXml,
  createIssuerCa,
  type DeductionInput,
  issueCompanyCertificate,
  issueDeduction,
  type KeyAndCertificate,
  signDeductionXml,
  verifyDeduction,
} from './index.ts';

// 千代田区's 法人番号 is the 地方公共団体 form: check digit + 000020 + 団体コード 131016.
const chiyoda = `${corporateNumberCheckDigit('000020131016')}000020131016`;
const insurerNo = `${corporateNumberCheckDigit('010401999999')}010401999999`;
const now = new Date();

const life: DeductionInput = {
  kind: 'life_insurance',
  issuer: { name: 'まどぐち生命保険株式会社', houjinBangou: insurerNo },
  recipientName: '山田 太郎',
  certifiedOn: '2026-01-15',
  year: 2025,
  policyNumber: 'P-0001',
  insuranceType: '終身保険',
  insuredName: '山田 太郎',
  category: 'general',
  premium: 96_000,
  dividend: 1_200,
};
const donation: DeductionInput = {
  kind: 'donation',
  issuer: { name: '千代田区', houjinBangou: chiyoda },
  recipientName: '山田 太郎',
  certifiedOn: '2026-01-10',
  donatedOn: '2025-11-03',
  amount: 30_000,
};

let ca: KeyAndCertificate;
let otherCa: KeyAndCertificate;
let insurer: KeyAndCertificate;
let city: KeyAndCertificate;

before(async () => {
  ca = await createIssuerCa({ name: 'e-delivery demo' });
  otherCa = await createIssuerCa({ name: 'somebody else' });
  insurer = await issueCompanyCertificate({ ca, companyName: life.issuer.name, houjinBangou: insurerNo });
  city = await issueCompanyCertificate({ ca, companyName: '千代田区', houjinBangou: chiyoda });
});

const reason = (xml: string, anchors = ca.certificatePem, at = now) => {
  const r = verifyDeduction(xml, anchors, { now: at });
  return r.ok ? 'ok' : r.reason;
};

describe('控除証明書 issue and verify', () => {
  it('verifies a 生命保険料控除証明書 (TEG800) and reads the signed fields', () => {
    const xml = issueDeduction(life, insurer);
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<TEG800 xmlns="http:\/\/xml.e-tax.nta.go.jp\/XSD\/kyotsu"/,
    );
    assert.match(xml, /<dsig:Reference URI="#TEG800">/);
    const r = verifyDeduction(xml, ca.certificatePem, { now });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual(
      { kind: r.kind, form: r.form, year: r.year, amount: r.amount, issuer: r.issuer, name: r.recipientName },
      {
        kind: 'life_insurance',
        form: 'TEG800',
        year: 2025,
        amount: 94_800,
        issuer: { name: 'まどぐち生命保険株式会社', houjinBangou: insurerNo },
        name: '山田 太郎',
      },
    );
    assert.match(r.signer.subject, new RegExp(`serialNumber=${insurerNo}`));
  });

  it('verifies a 寄附金受領証明書 (TEG822) from a municipality', () => {
    const r = verifyDeduction(issueDeduction(donation, city), [otherCa.certificatePem, ca.certificatePem], {
      now,
    });
    assert.equal(
      r.ok && `${r.form} ${r.year} ${r.amount} ${r.issuer.houjinBangou}`,
      `TEG822 2025 30000 ${chiyoda}`,
    );
  });

  it('rejects a tampered amount, name or 法人番号', () => {
    const xml = issueDeduction(donation, city);
    assert.equal(reason(xml.replace('<WLB00050>30000<', '<WLB00050>90000<')), 'signature_invalid');
    assert.equal(reason(xml.replace('山田 太郎', '佐藤 次郎')), 'signature_invalid');
    assert.equal(
      // Flip the first base64 character to a different one (replacing it with a fixed letter would
      // leave the signature unchanged whenever it already starts with that letter).
      reason(
        xml.replace(
          /<dsig:SignatureValue>(.)/,
          (_, c: string) => `<dsig:SignatureValue>${c === 'A' ? 'B' : 'A'}`,
        ),
      ),
      'signature_invalid',
    );
  });

  it('rejects a wrong trust anchor, no anchor, and an expired or not-yet-valid certificate', () => {
    const xml = issueDeduction(donation, city);
    assert.equal(reason(xml, otherCa.certificatePem), 'untrusted_issuer');
    assert.equal(reason(xml, ''), 'untrusted_issuer');
    // The company certificate itself as an "anchor" is not a CA.
    assert.equal(reason(xml, city.certificatePem), 'untrusted_issuer');
    assert.equal(
      reason(xml, ca.certificatePem, new Date(now.getTime() + 900 * 86_400_000)),
      'certificate_expired',
    );
    assert.equal(reason(xml, ca.certificatePem, new Date(now.getTime() - 86_400_000)), 'certificate_expired');
  });

  it('binds the signer to the 法人番号 and checks its check digit', async () => {
    // The insurer signs a certificate that claims to come from 千代田区.
    const forged = issueDeduction({ ...donation }, insurer);
    assert.equal(reason(forged), 'issuer_mismatch');
    // A 法人番号 with a wrong check digit, signed by the right company.
    const bad = `${(Number(chiyoda[0]) % 9) + 1}${chiyoda.slice(1)}`;
    const unsigned = buildDeductionXml(donation).replace(`>${chiyoda}<`, `>${bad}<`);
    assert.equal(reason(signDeductionXml(unsigned, city)), 'invalid_houjin_bangou');
  });

  it('resists signature wrapping and out-of-scope references', () => {
    const xml = issueDeduction(donation, city);
    const body = xml.slice(xml.indexOf('<TEG822'));
    // Wrapping: a new root with a changed amount carries the original signed root inside it.
    const evil = `<?xml version="1.0" encoding="UTF-8"?>\n${body
      .replace('<WLB00050>30000<', '<WLB00050>90000<')
      .replace(/<dsig:Signature[\s\S]*<\/dsig:Signature>/, '')
      .replace('</TEG822>', `<WLZ99999>${body}</WLZ99999></TEG822>`)}`;
    assert.equal(reason(evil), 'reference_scope');
    // The original root id given to another element too.
    const dupId = xml.replace('<WLB00000>', '<WLB00000 id="TEG822">');
    assert.equal(reason(dupId), 'reference_scope');
    // A reference to a part of the document only.
    const partial = xml.replace('URI="#TEG822"', 'URI="#part"').replace('<WLB00000>', '<WLB00000 id="part">');
    assert.equal(reason(partial), 'reference_scope');
  });

  it('refuses unsigned, malformed, DTD-carrying, weak-algorithm and foreign documents', () => {
    const xml = issueDeduction(donation, city);
    assert.equal(reason(buildDeductionXml(donation)), 'signature_missing');
    assert.equal(reason('<TEG822'), 'malformed');
    assert.equal(reason(xml.replace('<TEG822', '<!DOCTYPE x [<!ENTITY a "b">]><TEG822')), 'malformed');
    assert.equal(reason(xml.replace('xmldsig-more#rsa-sha256', 'xmldsig#rsa-sha1')), 'algorithm_not_allowed');
    assert.equal(reason(xml.replace(/TEG822/g, 'TEG999')), 'unsupported_form');
    assert.equal(
      reason(xml.replace(/<dsig:X509Certificate>[^<]+/, '<dsig:X509Certificate>AAAA')),
      'certificate_invalid',
    );
  });

  it('refuses to build certificates with an invalid 法人番号 or amount', () => {
    assert.throws(() =>
      buildDeductionXml({ ...donation, issuer: { name: 'x', houjinBangou: '1234567890123' } }),
    );
    assert.throws(() => buildDeductionXml({ ...donation, amount: -1 }));
    assert.throws(() => buildDeductionXml({ ...donation, donatedOn: '2025/11/03' }));
  });
});
