/**
 * Verifies a typed password against a legacy hash. Supported formats:
 *
 * | algorithm      | stored as                                                                  |
 * |----------------|----------------------------------------------------------------------------|
 * | bcrypt         | `$2a$`, `$2b$`, `$2y$` + cost + 53 characters (modular crypt)              |
 * | argon2id       | `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` (PHC)           |
 * | PBKDF2         | `$pbkdf2-sha256$i=<n>$<salt>$<hash>` / `-sha512` (PHC), passlib's          |
 * |                | `$pbkdf2-sha256$<n>$<salt>$<hash>`, Django's `pbkdf2_sha256$<n>$<salt>$<hash>` |
 * | scrypt         | `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>` (passlib / PHC)             |
 * | salted SHA-2   | `{SSHA256}` / `{SSHA512}` + base64(H(password ‖ salt) ‖ salt) (LDAP)        |
 *
 * The password is compared exactly as typed (UTF-8, no trimming or normalisation) and the
 * final comparison is constant time. Cost parameters are capped so a malformed record cannot
 * make a call burn seconds of CPU or gigabytes of memory.
 */
import { createHash, pbkdf2, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { argon2id, bcrypt } from 'hash-wasm';

export type LegacyAlgorithm = 'bcrypt' | 'argon2id' | 'pbkdf2-sha256' | 'pbkdf2-sha512' | 'scrypt' | 'ssha256' | 'ssha512';

/** The stored hash is not in a supported format, or asks for more work than allowed. Never quotes the hash. */
export class UnsupportedHashFormat extends Error {
  constructor(reason: string) {
    super(`unsupported legacy hash: ${reason}`);
    this.name = 'UnsupportedHashFormat';
  }
}

export const hashLimits = {
  bcryptCost: { min: 4, max: 14 },
  argon2MemoryKiB: 262_144,
  argon2Passes: 10,
  argon2Lanes: 8,
  pbkdf2Iterations: 2_000_000,
  scryptMemoryBytes: 256 * 1024 * 1024,
} as const;

interface ParsedHash {
  algorithm: LegacyAlgorithm;
  /** Derives the candidate digest from the typed password's bytes. */
  derive(password: Uint8Array): Promise<Uint8Array>;
  expected: Uint8Array;
}

const encoder = new TextEncoder();

const sameBytes = (derived: Uint8Array, expected: Uint8Array): boolean =>
  derived.length === expected.length && timingSafeEqual(derived, expected);

/** Standard base64 without padding (PHC), also passlib's variant with `.` for `+`. */
const decodePhcBase64 = (text: string, what: string): Uint8Array => {
  if (!/^[A-Za-z0-9+/.]*={0,2}$/.test(text) || text.length === 0) throw new UnsupportedHashFormat(`${what} is not base64`);
  return new Uint8Array(Buffer.from(text.replaceAll('.', '+'), 'base64'));
};

const positiveInt = (text: string | undefined, what: string, max: number, min = 1): number => {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new UnsupportedHashFormat(`${what} is not a positive integer`);
  }
  if (value > max) throw new UnsupportedHashFormat(`${what} ${value} is above the allowed ${max}`);
  return value;
};

/** `m=4096,t=3,p=1` → {m: '4096', t: '3', p: '1'} */
const phcParameters = (text: string | undefined): Record<string, string> =>
  Object.fromEntries((text ?? '').split(',').map((pair) => pair.split('=', 2) as [string, string]));

// --- bcrypt ------------------------------------------------------------------------------------

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's own base64 (its alphabet, no padding), decoded to `length` bytes. */
const decodeBcryptBase64 = (text: string, length: number): Uint8Array => {
  const bytes = new Uint8Array(length);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const character of text) {
    buffer = (buffer << 6) | BCRYPT_ALPHABET.indexOf(character);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (index < length) bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
};

/** bcrypt reads at most 72 bytes of the password; longer inputs were truncated when hashed. */
const BCRYPT_MAX_PASSWORD_BYTES = 72;

const parseBcrypt = (hash: string): ParsedHash | undefined => {
  const match = /^\$2[aby]\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(hash);
  if (!match) return undefined;
  const [, costText, saltText = '', checksum = ''] = match;
  const cost = positiveInt(costText, 'bcrypt cost', hashLimits.bcryptCost.max, hashLimits.bcryptCost.min);
  const salt = decodeBcryptBase64(saltText, 16);
  return {
    algorithm: 'bcrypt',
    expected: encoder.encode(checksum),
    derive: async (password) => {
      const encoded = await bcrypt({
        password: password.subarray(0, BCRYPT_MAX_PASSWORD_BYTES),
        salt,
        costFactor: cost,
        outputType: 'encoded',
      });
      // $2a$/$2b$/$2y$ differ only in historical bugs hash-wasm does not have: compare the checksum.
      return encoder.encode(encoded.slice(-31));
    },
  };
};

// --- argon2id ----------------------------------------------------------------------------------

const parseArgon2id = (hash: string): ParsedHash | undefined => {
  if (!hash.startsWith('$argon2id$')) return undefined;
  const [, , versionPart, parameterPart, saltText, hashText] = hash.split('$');
  if (versionPart !== 'v=19') throw new UnsupportedHashFormat('only argon2 version 19 is supported');
  const parameters = phcParameters(parameterPart);
  const memorySize = positiveInt(parameters.m, 'argon2 memory', hashLimits.argon2MemoryKiB, 8);
  const iterations = positiveInt(parameters.t, 'argon2 passes', hashLimits.argon2Passes);
  const parallelism = positiveInt(parameters.p, 'argon2 lanes', hashLimits.argon2Lanes);
  const salt = decodePhcBase64(saltText ?? '', 'argon2 salt');
  const expected = decodePhcBase64(hashText ?? '', 'argon2 hash');
  if (salt.length < 8 || expected.length < 4) throw new UnsupportedHashFormat('argon2 salt or hash is too short');
  return {
    algorithm: 'argon2id',
    expected,
    derive: (password) =>
      argon2id({ password, salt, iterations, parallelism, memorySize, hashLength: expected.length, outputType: 'binary' }),
  };
};

// --- PBKDF2 ------------------------------------------------------------------------------------

const pbkdf2Async = (password: BinaryLike, salt: BinaryLike, iterations: number, length: number, digest: string) =>
  new Promise<Uint8Array>((resolve, reject) =>
    pbkdf2(password, salt, iterations, length, digest, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
  );

const pbkdf2Hash = (digest: 'sha256' | 'sha512', iterations: number, salt: Uint8Array, expected: Uint8Array): ParsedHash => {
  if (expected.length < 16) throw new UnsupportedHashFormat('PBKDF2 hash is too short');
  return {
    algorithm: `pbkdf2-${digest}`,
    expected,
    derive: (password) => pbkdf2Async(password, salt, iterations, expected.length, digest),
  };
};

const parsePbkdf2 = (hash: string): ParsedHash | undefined => {
  const phc = /^\$pbkdf2-(sha256|sha512)\$(?:i=)?(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
  if (phc) {
    const [, digest, iterationsText, saltText = '', hashText = ''] = phc;
    return pbkdf2Hash(
      digest as 'sha256' | 'sha512',
      positiveInt(iterationsText, 'PBKDF2 iterations', hashLimits.pbkdf2Iterations),
      decodePhcBase64(saltText, 'PBKDF2 salt'),
      decodePhcBase64(hashText, 'PBKDF2 hash'),
    );
  }
  // Django: the salt is used as text, the hash is standard base64 with padding.
  const django = /^pbkdf2_(sha256|sha512)\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+=*)$/.exec(hash);
  if (django) {
    const [, digest, iterationsText, saltText = '', hashText = ''] = django;
    return pbkdf2Hash(
      digest as 'sha256' | 'sha512',
      positiveInt(iterationsText, 'PBKDF2 iterations', hashLimits.pbkdf2Iterations),
      encoder.encode(saltText),
      new Uint8Array(Buffer.from(hashText, 'base64')),
    );
  }
  return undefined;
};

// --- scrypt ------------------------------------------------------------------------------------

const scryptAsync = (password: BinaryLike, salt: BinaryLike, length: number, options: ScryptOptions) =>
  new Promise<Uint8Array>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
  );

const parseScrypt = (hash: string): ParsedHash | undefined => {
  if (!hash.startsWith('$scrypt$')) return undefined;
  const [, , parameterPart, saltText, hashText] = hash.split('$');
  const parameters = phcParameters(parameterPart);
  const logN = positiveInt(parameters.ln, 'scrypt ln', 24);
  const blockSize = positiveInt(parameters.r, 'scrypt r', 64);
  const parallelization = positiveInt(parameters.p, 'scrypt p', 16);
  const memory = 128 * 2 ** logN * blockSize * 2;
  if (memory > hashLimits.scryptMemoryBytes) throw new UnsupportedHashFormat('scrypt parameters need too much memory');
  const salt = decodePhcBase64(saltText ?? '', 'scrypt salt');
  const expected = decodePhcBase64(hashText ?? '', 'scrypt hash');
  if (expected.length < 16) throw new UnsupportedHashFormat('scrypt hash is too short');
  return {
    algorithm: 'scrypt',
    expected,
    derive: (password) =>
      scryptAsync(password, salt, expected.length, { N: 2 ** logN, r: blockSize, p: parallelization, maxmem: memory + 1024 * 1024 }),
  };
};

// --- salted SHA-2 (LDAP) -----------------------------------------------------------------------

const parseSaltedSha = (hash: string): ParsedHash | undefined => {
  const match = /^\{SSHA(256|512)\}([A-Za-z0-9+/]+=*)$/i.exec(hash);
  if (!match) return undefined;
  const [, bits, encoded = ''] = match;
  const digestLength = bits === '256' ? 32 : 64;
  const decoded = new Uint8Array(Buffer.from(encoded, 'base64'));
  if (decoded.length <= digestLength) throw new UnsupportedHashFormat('salted SHA value holds no salt');
  const expected = decoded.subarray(0, digestLength);
  const salt = decoded.subarray(digestLength);
  const algorithm = bits === '256' ? 'sha256' : 'sha512';
  return {
    algorithm: `ssha${bits}` as LegacyAlgorithm,
    expected,
    derive: (password) => Promise.resolve(new Uint8Array(createHash(algorithm).update(password).update(salt).digest())),
  };
};

const parsers = [parseBcrypt, parseArgon2id, parsePbkdf2, parseScrypt, parseSaltedSha];

export const parseLegacyHash = (hash: string): ParsedHash => {
  for (const parse of parsers) {
    const parsed = parse(hash.trim());
    if (parsed) return parsed;
  }
  throw new UnsupportedHashFormat('unrecognised format');
};

/** Whether `password`, exactly as typed, matches `hash`. Throws {@link UnsupportedHashFormat} for unusable hashes. */
export const verifyLegacyPassword = async (
  password: string,
  hash: string,
): Promise<{ algorithm: LegacyAlgorithm; matches: boolean }> => {
  const parsed = parseLegacyHash(hash);
  const derived = await parsed.derive(encoder.encode(password));
  return { algorithm: parsed.algorithm, matches: sameBytes(derived, parsed.expected) };
};
