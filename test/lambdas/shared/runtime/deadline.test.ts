import { DeadlineExceeded, deadlineWindowMs, startDeadline } from '../../../../lambdas/shared/runtime/deadline';

describe('deadline window', () => {
  it('is the whole budget for a call that just arrived', () => {
    expect(deadlineWindowMs({ budgetMs: 2500, now: 1000, receivedAtEpochMs: 1000 })).toBe(2500);
  });

  it('counts time already spent since API Gateway received the call (a cold start)', () => {
    expect(deadlineWindowMs({ budgetMs: 2500, now: 1900, receivedAtEpochMs: 1000 })).toBe(1600);
  });

  it('reads a receive time in the future (clock skew) as zero age', () => {
    expect(deadlineWindowMs({ budgetMs: 2500, now: 1000, receivedAtEpochMs: 1400 })).toBe(2500);
  });

  it('stays inside the Lambda timeout', () => {
    expect(deadlineWindowMs({ budgetMs: 2500, now: 0, lambdaRemainingMs: 1200 })).toBe(1100);
  });

  it('always leaves a minimal window', () => {
    expect(deadlineWindowMs({ budgetMs: 2500, now: 10_000, receivedAtEpochMs: 0 })).toBe(50);
  });
});

describe('deadline', () => {
  it('lets work that finishes in time through', async () => {
    const deadline = startDeadline({ budgetMs: 1000 });
    await expect(deadline.race(Promise.resolve('done'))).resolves.toBe('done');
    expect(deadline.signal.aborted).toBe(false);
    deadline.dispose();
  });

  it('rejects slow work with DeadlineExceeded and aborts the signal', async () => {
    const deadline = startDeadline({ budgetMs: 100, receivedAtEpochMs: Date.now() - 50 });
    const slow = new Promise((resolve) => setTimeout(resolve, 1000).unref());
    await expect(deadline.race(slow)).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
    await expect(deadline.race(Promise.resolve(1))).rejects.toBeInstanceOf(DeadlineExceeded);
  });

  it('passes the work’s own failure on', async () => {
    const deadline = startDeadline({ budgetMs: 1000 });
    await expect(deadline.race(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    deadline.dispose();
  });

  it('does not fire after dispose', async () => {
    const deadline = startDeadline({ budgetMs: 100 });
    deadline.dispose();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(deadline.signal.aborted).toBe(false);
  });
});
