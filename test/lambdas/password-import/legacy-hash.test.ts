import fc from 'fast-check';
import bcryptjs from 'bcryptjs';
import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { parseLegacyHash, UnsupportedHashFormat, verifyLegacyPassword } from '../../../lambdas/password-import/legacy-hash';
import vectors from '../../fixtures/legacy-hashes.json';

describe('legacy hash known-answer vectors (made by independent implementations)', () => {
  it('covers every supported algorithm', () => {
    expect(new Set(vectors.vectors.map((vector) => vector.algorithm))).toEqual(
      new Set(['bcrypt', 'argon2id', 'pbkdf2-sha256', 'pbkdf2-sha512', 'scrypt', 'ssha256', 'ssha512']),
    );
  });

  it.each(vectors.vectors.map((vector) => [vector.algorithm, vector.source, vector] as const))(
    '%s (%s) verifies the right password and refuses a wrong one',
    async (_algorithm, _source, vector) => {
      await expect(verifyLegacyPassword(vector.password, vector.hash)).resolves.toEqual({ algorithm: vector.algorithm, matches: true });
      // Changing the first character keeps even bcrypt's 72-byte window different.
      const wrong = `${vector.password.startsWith('!') ? '?' : '!'}${vector.password.slice(1)}`;
      await expect(verifyLegacyPassword(wrong, vector.hash)).resolves.toMatchObject({ matches: false });
    },
  );

  it('compares the password exactly: no trimming, case folding or Unicode normalisation', async () => {
    const vector = vectors.vectors.find((candidate) => candidate.algorithm === 'pbkdf2-sha512')!;
    for (const variant of [` ${vector.password}`, vector.password.toUpperCase(), vector.password.normalize('NFD'), vector.password.trim() + ' ']) {
      await expect(verifyLegacyPassword(variant, vector.hash)).resolves.toMatchObject({ matches: false });
    }
  });

  it('reads bcrypt passwords beyond 72 bytes the way bcrypt did: truncated', async () => {
    const vector = vectors.vectors.find((candidate) => candidate.password.endsWith('-ignored-after-72-bytes'))!;
    await expect(verifyLegacyPassword(`${'x'.repeat(72)}-anything-else`, vector.hash)).resolves.toMatchObject({ matches: true });
  });
});

describe('agreement with other implementations on random passwords', () => {
  it('bcrypt hashes made by bcryptjs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }), async (password) => {
        const hash = bcryptjs.hashSync(password, 4);
        await expect(verifyLegacyPassword(password, hash)).resolves.toMatchObject({ matches: true });
      }),
      { numRuns: 25 },
    );
  });

  it('PBKDF2, scrypt and salted SHA made with node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), async (password) => {
        const salt = randomBytes(16);
        const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
        const hashes = [
          `$pbkdf2-sha256$i=1000$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 1000, 32, 'sha256'))}`,
          `$scrypt$ln=8,r=8,p=1$${b64(salt)}$${b64(scryptSync(password, salt, 32, { N: 256, r: 8, p: 1 }))}`,
          `{SSHA512}${Buffer.concat([createHash('sha512').update(password).update(salt).digest(), salt]).toString('base64')}`,
        ];
        for (const hash of hashes) await expect(verifyLegacyPassword(password, hash)).resolves.toMatchObject({ matches: true });
      }),
      { numRuns: 25 },
    );
  });
});

describe('unusable hashes', () => {
  it.each([
    ['an unknown format', 'md5:5f4dcc3b5aa765d61d8327deb882cf99'],
    ['plain text', 'Winter-Lake-42'],
    ['a bcrypt cost above the cap', `$2b$15$${'a'.repeat(53)}`],
    ['argon2i instead of argon2id', '$argon2i$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$abcdefghijklmnopqrstuv'],
    ['argon2 memory above the cap', '$argon2id$v=19$m=4194304,t=3,p=1$c29tZXNhbHQtMDAwMQ$77xYh+XgWFnnqlByCvVOm4PWzlyO9JBkxN4JygR5vL0'],
    ['argon2 version 16', '$argon2id$v=16$m=4096,t=3,p=1$c29tZXNhbHQtMDAwMQ$77xYh+XgWFnnqlByCvVOm4PWzlyO9JBkxN4JygR5vL0'],
    ['PBKDF2 iterations above the cap', '$pbkdf2-sha256$i=99999999$c2FsdA$lWvmWKjQo7gnsj8fUcY8UZpLXwZ3tqqc0UeId27oOTs'],
    ['scrypt needing gigabytes', '$scrypt$ln=22,r=8,p=1$c2FsdA$VnfYGQxXqrOq02f65mCcpFtW673LQdK8jDZ1FF+kWuA'],
    ['salted SHA without a salt', `{SSHA256}${Buffer.alloc(32).toString('base64')}`],
  ])('refuses %s without quoting it', (_name, hash) => {
    expect(() => parseLegacyHash(hash)).toThrow(UnsupportedHashFormat);
    try {
      parseLegacyHash(hash);
    } catch (error) {
      expect((error as Error).message).not.toContain(hash);
    }
  });
});
