/** One bcrypt cost-10 verification, timed: the password import hook's heaviest legacy format. */
import bcryptjs from 'bcryptjs';
import { verifyLegacyPassword } from '../../lambdas/password-import/legacy-hash';
import { summarize, type LatencySummary } from '../shared/statistics';

export const measureBcrypt = async (runs: number): Promise<LatencySummary & { cost: number }> => {
  const hash = bcryptjs.hashSync('Winter-Lake-42', 10);
  const latencies: number[] = [];
  for (let run = 0; run < runs + 3; run += 1) {
    const started = performance.now();
    const { matches } = await verifyLegacyPassword('Winter-Lake-42', hash);
    if (!matches) throw new Error('bcrypt verification failed in the benchmark');
    if (run >= 3) latencies.push(performance.now() - started);
  }
  return { cost: 10, ...summarize(latencies) };
};
