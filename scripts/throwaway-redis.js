// A throwaway Redis (Debian's redis-server, which .ci/run installs) on 127.0.0.1, no persistence.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './free-port.js';

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) =>
  existsSync(path),
);

function spawnRedis(port) {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis-server did not start within 5 s')),
      5000,
    );
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}`));
    });
  });
}

export async function startThrowawayRedis() {
  if (!REDIS_SERVER)
    throw new Error(
      'redis-server is not installed: apt-get install -y redis-server (.ci/run does)',
    );
  const port = await freePort();
  let child = await spawnRedis(port);
  const shutdown = async () => {
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    child = null;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Stops the server (its counters are gone: no persistence); start() brings it back. */
    shutdown,
    /** Starts an empty server again on the same port, after shutdown. */
    async start() {
      child = await spawnRedis(port);
    },
    stop: shutdown,
  };
}
