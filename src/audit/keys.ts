/**
 * The audit trail's keys: an Ed25519 pair that signs seals and exports (the public key is what operators
 * receive), and the per-deployment identity key that `hashIdentity` uses (shared with an operator only to
 * let it match records to its own subscribers).
 *
 * Files, as `ss7guard audit keygen --out DIR` writes them:
 *  - `audit-signing.pem`: PKCS#8 PEM Ed25519 private key, mode 0600;
 *  - `audit-public.pem`: SPKI PEM public key (hand it to operators);
 *  - `identity.key`: 32 random bytes as 64 hex digits and a newline, mode 0600.
 * A key's fingerprint is SHA-256 of its SPKI DER encoding, hex; seals and exports name their key by it.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MIN_IDENTITY_KEY_BYTES } from "./record.js";

export const KEY_FILES = {
  signing: "audit-signing.pem",
  public: "audit-public.pem",
  identity: "identity.key",
} as const;

export class AuditKeyError extends Error {
  override name = "AuditKeyError";
}

export interface AuditKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKeys(): AuditKeyPair {
  return generateKeyPairSync("ed25519");
}

/** SHA-256 of the public key's SPKI DER, hex. Accepts either half of the pair. */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex");
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519")
    throw new AuditKeyError(`${what} is a ${key.asymmetricKeyType ?? key.type} key, not Ed25519`);
  return key;
}

/** An Ed25519 private key from PEM text (PKCS#8). */
export function parsePrivateKeyPem(pem: string, what = "the signing key"): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new AuditKeyError(`${what} is not a PEM private key (${e instanceof Error ? e.message : e})`);
  }
  return ed25519(key, what);
}

/** An Ed25519 public key from PEM text (SPKI; a private key PEM yields its public half). */
export function parsePublicKeyPem(pem: string, what = "the public key"): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new AuditKeyError(`${what} is not a PEM public key (${e instanceof Error ? e.message : e})`);
  }
  return ed25519(key, what);
}

export async function loadPrivateKey(path: string): Promise<KeyObject> {
  return parsePrivateKeyPem(await readFile(path, "utf8"), path);
}

export async function loadPublicKey(path: string): Promise<KeyObject> {
  return parsePublicKeyPem(await readFile(path, "utf8"), path);
}

export function generateIdentityKey(): Buffer {
  return randomBytes(32);
}

/** The identity key in `text`: hex digits (at least 32, i.e. 128 bits), surrounding whitespace ignored. */
export function parseIdentityKey(text: string, what = "the identity key"): Buffer {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new AuditKeyError(`${what} must be hex digits`);
  const key = Buffer.from(hex, "hex");
  if (key.length < MIN_IDENTITY_KEY_BYTES)
    throw new AuditKeyError(
      `${what} must be at least ${MIN_IDENTITY_KEY_BYTES} bytes (${MIN_IDENTITY_KEY_BYTES * 2} hex digits)`,
    );
  return key;
}

export async function loadIdentityKey(path: string): Promise<Buffer> {
  return parseIdentityKey(await readFile(path, "utf8"), path);
}

export interface KeyFiles {
  signing: string;
  public: string;
  identity: string;
  fingerprint: string;
}

/**
 * Generates a signing pair and an identity key and writes them to `dir` (created if needed). Refuses to
 * overwrite an existing key file unless `force`: losing a signing key orphans every seal made with it.
 */
export async function writeKeyFiles(dir: string, options: { force?: boolean } = {}): Promise<KeyFiles> {
  const paths = {
    signing: join(dir, KEY_FILES.signing),
    public: join(dir, KEY_FILES.public),
    identity: join(dir, KEY_FILES.identity),
  };
  await mkdir(dir, { recursive: true });
  if (!options.force)
    for (const p of Object.values(paths))
      if (await exists(p)) throw new AuditKeyError(`${p} exists (use --force to replace the keys)`);
  const pair = generateSigningKeys();
  await writeFile(paths.signing, pair.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  await writeFile(paths.public, pair.publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644 });
  await writeFile(paths.identity, `${generateIdentityKey().toString("hex")}\n`, { mode: 0o600 });
  return { ...paths, fingerprint: keyFingerprint(pair.publicKey) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Ed25519 signature of `message`, base64. */
export function signMessage(privateKey: KeyObject, message: Uint8Array): string {
  return sign(null, message, privateKey).toString("base64");
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of `message`; false for any malformed input. */
export function verifyMessage(publicKey: KeyObject, message: Uint8Array, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  try {
    return verify(null, message, publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** Public keys by fingerprint: the keys a verifier trusts (more than one across a key rotation). */
export class AuditKeyring {
  private readonly keys = new Map<string, KeyObject>();

  constructor(keys: KeyObject | readonly KeyObject[] = []) {
    for (const k of Array.isArray(keys) ? keys : [keys as KeyObject]) this.add(k);
  }

  add(key: KeyObject): string {
    const pub = ed25519(key.type === "private" ? createPublicKey(key) : key, "a trusted key");
    const fp = keyFingerprint(pub);
    this.keys.set(fp, pub);
    return fp;
  }

  get(fingerprint: string): KeyObject | undefined {
    return this.keys.get(fingerprint);
  }

  get size(): number {
    return this.keys.size;
  }
}
