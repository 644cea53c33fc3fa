import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseFile, env } from "./env.server";

/*
 * Personal-data encryption. One 32-byte master key (APP_SECRET_KEY, or a key file
 * created next to the database on first start) derives two keys with HKDF: one for
 * AES-256-GCM encryption, one for a keyed hash used to find duplicates without
 * decrypting. Losing the key loses the ID numbers: back it up with the database.
 */
let keys: { enc: Buffer; mac: Buffer } | undefined;

function masterKey(): Buffer {
  const configured = env().APP_SECRET_KEY;
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("APP_SECRET_KEY must be base64 of exactly 32 bytes");
    return key;
  }
  const file = join(dirname(databaseFile()), "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // Several server processes may start at once: write aside, then link into place
    // (atomic, and refused if another process got there first — its key wins).
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, randomBytes(32).toString("base64"), { mode: 0o600 });
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(aside, { force: true });
    }
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

function derivedKeys() {
  if (!keys) {
    const master = masterKey();
    keys = {
      enc: Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "personal-data-encryption", 32)),
      mac: Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "personal-data-lookup", 32)),
    };
  }
  return keys;
}

export function encryptPersonal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKeys().enc, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function decryptPersonal(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", derivedKeys().enc, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

export function lookupHash(value: string): string {
  return createHmac("sha256", derivedKeys().mac).update(value).digest("base64url");
}

/**
 * A short keyed MAC for codes the server must recognise later without storing them
 * (e.g. a time-limited check-in code): HMAC-SHA256 under a key of its own purpose, so
 * a code minted for one use can never pass as another.
 */
export function purposeMac(purpose: string, message: string): string {
  let key = purposeKeys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `purpose:${purpose}`, 32));
    purposeKeys.set(purpose, key);
  }
  return createHmac("sha256", key).update(message).digest("base64url");
}
const purposeKeys = new Map<string, Buffer>();
