/** Canonical JSON, record hashing, identity hashing and key files. */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { CanonicalJsonError, canonicalJson } from "../../src/audit/canonical.js";
import {
  AuditKeyError,
  AuditKeyring,
  keyFingerprint,
  loadIdentityKey,
  loadPrivateKey,
  loadPublicKey,
  parseIdentityKey,
  parsePublicKeyPem,
  writeKeyFiles,
} from "../../src/audit/keys.js";
import {
  AuditRecordError,
  buildRecord,
  chainHash,
  dialogueBody,
  GENESIS_HASH,
  hashIdentity,
  recordDigest,
  recordOfRow,
  rowOf,
} from "../../src/audit/record.js";
import { identityKey, keys, T0 } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-audit-record-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("canonical JSON", () => {
  it("sorts keys by UTF-16 code unit at every level, writes no whitespace and drops undefined members", () => {
    assert.equal(
      canonicalJson({ b: 1, a: [true, null, { z: "x", y: -0, é: 2, Z: 3 }], c: undefined, "": "e" }),
      '{"":"e","a":[true,null,{"Z":3,"y":0,"z":"x","é":2}],"b":1}',
    );
  });

  it("escapes strings as JSON.stringify does (RFC 8785)", () => {
    assert.equal(canonicalJson({ s: 'q"\\\n\u0001€😀' }), '{"s":"q\\"\\\\\\n\\u0001€😀"}');
  });

  it("refuses fractions, non-finite numbers, bigints, Dates, Buffers, Maps and undefined in arrays", () => {
    for (const bad of [
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      10n,
      new Date(0),
      Buffer.from("a"),
      new Map(),
      [undefined],
      () => 1,
    ])
      assert.throws(() => canonicalJson({ v: bad }), CanonicalJsonError, String(bad));
  });

  it("refuses nesting deeper than 32 levels", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.throws(() => canonicalJson(deep), /nested deeper/);
  });

  it("parses back to the same value, and the same value always gives the same text", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.maxSafeInteger(),
        fc.string({ unit: "grapheme" }),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        const text = canonicalJson(v);
        const back = JSON.parse(text) as unknown;
        assert.equal(canonicalJson(back), text);
        // Key order of the input never matters.
        if (back && typeof back === "object" && !Array.isArray(back)) {
          const reversed = Object.fromEntries(Object.entries(back).reverse());
          assert.equal(canonicalJson(reversed), text);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("records", () => {
  it("hash = SHA-256(prev ‖ SHA-256(canonical {seq, time, kind, body})), prev of record 1 is 64 zeros", () => {
    const time = "2026-03-01T12:00:00.000Z";
    const r = buildRecord(1, time, "event", { type: "start" }, GENESIS_HASH);
    const text = '{"body":{"type":"start"},"kind":"event","seq":1,"time":"2026-03-01T12:00:00.000Z"}';
    const digest = createHash("sha256").update(text).digest();
    const expected = createHash("sha256").update(Buffer.alloc(32)).update(digest).digest("hex");
    assert.equal(recordDigest(1, time, "event", { type: "start" }), digest.toString("hex"));
    assert.equal(r.hash, expected);
    assert.equal(chainHash(GENESIS_HASH, digest.toString("hex")), expected);
    const r2 = buildRecord(2, time, "event", { type: "start" }, r.hash);
    assert.notEqual(r2.hash, r.hash);
    assert.equal(r2.prev, r.hash);
  });

  it("the seq is inside the hash: the same content at another position hashes differently", () => {
    const a = buildRecord(5, "2026-03-01T12:00:00.000Z", "event", { type: "x" }, "a".repeat(64));
    const b = buildRecord(6, "2026-03-01T12:00:00.000Z", "event", { type: "x" }, "a".repeat(64));
    assert.notEqual(a.hash, b.hash);
  });

  it("round-trips through a stored row and rejects malformed rows", () => {
    const r = buildRecord(
      3,
      "2026-03-01T12:00:00.000Z",
      "dialogue",
      { gt: "4477", otid: "01" },
      GENESIS_HASH,
    );
    const row = rowOf(r);
    assert.equal(row.body, '{"gt":"4477","otid":"01"}');
    assert.deepEqual(recordOfRow(row), r);
    for (const [patch, re] of [
      [{ time: "2026-03-01 12:00:00" }, /time/],
      [{ kind: "bogus" }, /unknown kind/],
      [{ prev: "xyz" }, /prev/],
      [{ hash: "A".repeat(64) }, /hash/],
      [{ body: "[1]" }, /not a JSON object/],
      [{ body: "{" }, /not JSON/],
    ] as const)
      assert.throws(() => recordOfRow({ ...row, ...patch }), re);
    assert.throws(
      () => buildRecord(0, "2026-03-01T12:00:00.000Z", "event", {}, GENESIS_HASH),
      AuditRecordError,
    );
  });
});

describe("identity hashing", () => {
  it("is HMAC-SHA-256(key, kind:digits), ignoring a leading + and spaces", () => {
    const expected = createHmac("sha256", identityKey).update("msisdn:447700900123").digest("hex");
    assert.equal(hashIdentity(identityKey, "msisdn", "+44 7700 900123"), expected);
    assert.notEqual(hashIdentity(identityKey, "imsi", "447700900123"), expected);
    assert.notEqual(hashIdentity(Buffer.alloc(32, 1), "msisdn", "447700900123"), expected);
  });

  it("refuses short keys and identities that are not digits", () => {
    assert.throws(() => hashIdentity(Buffer.alloc(8), "imsi", "310150000000001"), /at least 16 bytes/);
    assert.throws(() => hashIdentity(identityKey, "imsi", "31015abc"), /digits/);
  });

  it("dialogue bodies carry the hashed target (IMSI before MSISDN), never the digits", () => {
    const body = dialogueBody(identityKey, {
      operation: "mtForwardSM",
      opcode: 44,
      imsi: "310150000000123",
      msisdn: "12025560123",
      gt: "447785080101",
      peer: "12025550200",
      otid: "ABCD0001",
      start: T0,
      result: "ok",
    });
    assert.deepEqual(body.target, {
      kind: "imsi",
      hash: hashIdentity(identityKey, "imsi", "310150000000123"),
    });
    assert.equal(body.otid, "abcd0001");
    assert.equal(body.start, "2026-03-01T12:00:00.000Z");
    assert.doesNotMatch(canonicalJson(body), /310150000000123|12025560123/);
  });
});

describe("key files", () => {
  it("keygen writes a PKCS#8 signing key (0600), an SPKI public key and a 32-byte identity key (0600)", async () => {
    const files = await writeKeyFiles(join(dir, "k1"));
    const priv = await loadPrivateKey(files.signing);
    const pub = await loadPublicKey(files.public);
    assert.equal(keyFingerprint(priv), keyFingerprint(pub));
    assert.equal(files.fingerprint, keyFingerprint(pub));
    assert.match(readFileSync(files.signing, "utf8"), /^-----BEGIN PRIVATE KEY-----/);
    assert.match(readFileSync(files.public, "utf8"), /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(statSync(files.signing).mode & 0o777, 0o600);
    assert.equal(statSync(files.identity).mode & 0o777, 0o600);
    assert.equal((await loadIdentityKey(files.identity)).length, 32);
    await assert.rejects(writeKeyFiles(join(dir, "k1")), /exists \(use --force/);
    const again = await writeKeyFiles(join(dir, "k1"), { force: true });
    assert.notEqual(again.fingerprint, files.fingerprint);
  });

  it("the fingerprint is SHA-256 of the SPKI DER", () => {
    const der = keys.publicKey.export({ type: "spki", format: "der" });
    assert.equal(keyFingerprint(keys.publicKey), createHash("sha256").update(der).digest("hex"));
    assert.equal(new AuditKeyring([keys.publicKey]).get(keyFingerprint(keys.privateKey)), keys.publicKey);
  });

  it("refuses keys that are not Ed25519 and identity keys that are short or not hex", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    assert.throws(
      () => parsePublicKeyPem(ec.publicKey.export({ type: "spki", format: "pem" }) as string),
      /not Ed25519/,
    );
    assert.throws(() => parsePublicKeyPem("hello"), AuditKeyError);
    assert.throws(() => parseIdentityKey("00ff"), /at least 16 bytes/);
    assert.throws(() => parseIdentityKey("zz".repeat(32)), /hex/);
  });
});
