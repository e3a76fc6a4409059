/**
 * dynalite in a Node process of its own, like a table on the network: its work and its memory
 * stay out of the process being measured (the benchmarks, the load test and the soak).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface TableServer {
  endpoint: string;
  stop(): void;
}

const repositoryRoot = path.join(__dirname, '..', '..');

export const startTableServer = (): Promise<TableServer> =>
  new Promise((resolve, reject) => {
    const script = `const s=require('dynalite')({createTableMs:0});s.listen(0,'127.0.0.1',()=>process.stdout.write('PORT'+s.address().port+'\\n'));`;
    const child = spawn(process.execPath, ['-e', script], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (chunk: Buffer) => {
      const port = /PORT(\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() });
      else reject(new Error('dynalite did not start'));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited (${String(code)}) before it was ready`)));
  });
