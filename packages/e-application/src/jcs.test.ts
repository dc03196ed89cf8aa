import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EApplicationError } from './errors.ts';
import { canonicalBytes, canonicalize } from './jcs.ts';

// RFC 8785 vectors. The JSON inputs stay in String.raw so their \u escapes are parsed by JSON.parse,
// exactly as the RFC's examples are, instead of being turned into characters by the TS source.

// §3.2.2 input sample.
const SAMPLE = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;

// §3.2.4: the UTF-8 bytes of the canonical form of SAMPLE, as printed in the RFC.
const SAMPLE_UTF8 = `
  7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
  75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
  5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
  65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
  5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
  30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;

// §3.2.3 sorting example; the RFC lists the values in their expected output order.
const SORTING = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;

// Appendix B: IEEE 754 bit patterns and their JCS serialisation.
const APPENDIX_B: readonly [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

function fromBits(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

function rejects(value: unknown, code: string): void {
  assert.throws(
    () => canonicalize(value),
    (e: unknown) => e instanceof EApplicationError && e.code === code,
  );
}

describe('RFC 8785 JSON canonicalization', () => {
  it('§3.2.2 sample gives the §3.2.4 UTF-8 bytes', () => {
    const expected = SAMPLE_UTF8.trim().split(/\s+/).join('');
    assert.equal(Buffer.from(canonicalBytes(JSON.parse(SAMPLE))).toString('hex'), expected);
  });

  it('§3.2.3 sorts properties by UTF-16 code units', () => {
    const out = canonicalize(JSON.parse(SORTING));
    const values = Object.values(JSON.parse(out) as Record<string, string>);
    // Object.values would reorder the integer-like key "1"; read the order from the text instead.
    const order = [...out.matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    assert.equal(values.length, 7);
    assert.deepEqual(order, [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    assert.ok(out.startsWith('{"\\r":"Carriage Return","1":"One",'));
  });

  for (const [bits, expected] of APPENDIX_B) {
    it(`Appendix B: ${bits} → ${expected}`, () => {
      assert.equal(canonicalize(fromBits(bits)), expected);
    });
  }

  it('Appendix B: NaN and Infinity are errors', () => {
    rejects(fromBits('7fffffffffffffff'), 'jcs.non_finite');
    rejects(fromBits('7ff0000000000000'), 'jcs.non_finite');
    rejects(Number.NEGATIVE_INFINITY, 'jcs.non_finite');
  });

  it('§3.2.2.3 examples named in the text', () => {
    assert.equal(canonicalize(1e21), '1e+21');
    assert.equal(canonicalize(-0), '0');
    assert.equal(canonicalize(Number('333333333.33333329')), '333333333.3333333');
    assert.equal(canonicalize(1e-7), '1e-7');
    assert.equal(canonicalize(0.000001), '0.000001');
    assert.equal(canonicalize(5e-324), '5e-324');
  });

  it('sorts nested objects and keeps array order', () => {
    assert.equal(
      canonicalize({ b: [3, { z: 1, a: 2 }], a: { y: null, x: true } }),
      '{"a":{"x":true,"y":null},"b":[3,{"a":2,"z":1}]}',
    );
    assert.equal(canonicalize({ 10: 'a', 2: 'b' }), '{"10":"a","2":"b"}');
  });

  it('refuses what has no JSON form instead of dropping it', () => {
    rejects(undefined, 'jcs.unsupported_type');
    rejects({ a: undefined }, 'jcs.unsupported_type');
    rejects([1, undefined], 'jcs.unsupported_type');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    rejects([1, , 3], 'jcs.unsupported_type');
    rejects(() => 1, 'jcs.unsupported_type');
    rejects(10n, 'jcs.unsupported_type');
    rejects(Symbol('x'), 'jcs.unsupported_type');
    rejects(new Date(0), 'jcs.unsupported_type');
    rejects(new Map(), 'jcs.unsupported_type');
  });

  it('refuses cycles but accepts a shared, acyclic object', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    rejects(loop, 'jcs.cycle');
    const shared = { x: 1 };
    assert.equal(canonicalize([shared, { s: shared }]), '[{"x":1},{"s":{"x":1}}]');
  });

  it('refuses lone surrogates in values and keys', () => {
    rejects('a\ud800b', 'jcs.lone_surrogate');
    rejects({ '\udc00': 1 }, 'jcs.lone_surrogate');
  });

  it('accepts null-prototype objects', () => {
    const bare = Object.create(null) as Record<string, number>;
    bare.b = 2;
    bare.a = 1;
    assert.equal(canonicalize(bare), '{"a":1,"b":2}');
  });
});
