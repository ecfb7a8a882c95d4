import type { ChildProcess, StdioOptions } from 'node:child_process';

/** The built sample's entry point (`npm run build` first). */
export const SAMPLE_MAIN: string;

export interface InstanceOptions {
  /** Fixed port (default: a free one). */
  port?: number;
  /** The child's stdio (default: stdout dropped, stderr shown). */
  stdio?: StdioOptions;
  /** How long to wait for GET /health/ready (default 60 s). */
  readyTimeoutMs?: number;
}

export interface Instance {
  /** http://127.0.0.1:PORT */
  base: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Set by callers to tell instances apart in their records (optional). */
  name?: string;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal (default SIGKILL) and resolves once the process is gone. */
  kill(
    signal?: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** SIGINT (shutdown without the readiness delay of SIGTERM), then waits for the exit. */
  stop(): Promise<void>;
  /** A new process on the same port and environment, once it is ready. */
  restart(options?: InstanceOptions): Promise<Instance>;
  /** Resident memory in MB (Linux). */
  rssMb(): number;
  /** Open file descriptors (Linux). */
  openFiles(): number;
}

/** Starts one sample-app process with `env` over this process's environment, once ready. */
export function startInstance(
  env: Record<string, string>,
  options?: InstanceOptions,
): Promise<Instance>;
/** Polls GET /health/ready until 200. */
export function waitUntilReady(base: string, timeoutMs?: number): Promise<void>;
/** Creates database `name` on the server of `serverUrl` and returns its URL. */
export function createDatabase(serverUrl: string, name: string): Promise<string>;
