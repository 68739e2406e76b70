import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { RedisNode, RedisTarget } from '../../../src/store/index.js';
import { freePort, type RedisServer, startRedisServer } from '../../support/redis-server.js';

/**
 * Real Redis deployments for the store tests, on free loopback ports, files in temp folders:
 * - a Sentinel group: a master, two replicas, one sentinel (quorum 1, so that it fails over alone);
 * - a Cluster: three masters without replicas, slots split evenly.
 * Every wait polls with a generous bound (loaded CI machines), none sleeps a fixed time.
 */

const BOUND_MS = 15_000;

/** Polls `probe` until it returns a value, or throws after `timeoutMs` with the last error. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = BOUND_MS): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs one command on a short-lived connection. */
export async function command(node: RedisNode, ...args: (string | number)[]): Promise<unknown> {
  const redis = new Redis({ ...node, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return await redis.call(String(args[0]), ...args.slice(1));
  } finally {
    redis.disconnect();
  }
}

const info = async (node: RedisNode, section: string): Promise<Map<string, string>> => {
  const text = (await command(node, 'INFO', section)) as string;
  return new Map(text.split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':', 2) as [string, string]));
};

const local = (port: number): RedisNode => ({ host: '127.0.0.1', port });

export interface SentinelGroup {
  readonly name: string;
  readonly sentinel: RedisNode;
  /** What the store is given: the sentinel and the group name, never the master's address. */
  readonly target: RedisTarget;
  /** The master as the sentinel names it now. */
  master(): Promise<RedisNode>;
  /**
   * Promotes a replica (SENTINEL FAILOVER) once both hold every write of the master, and waits
   * until the sentinel names it. Returns the new master.
   */
  failover(): Promise<RedisNode>;
  stop(): Promise<void>;
}

function spawnSentinel(confFile: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', [confFile, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis sentinel did not start within ${BOUND_MS} ms:\n${output}`));
    }, BOUND_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis sentinel exited with code ${code}:\n${output}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/\+monitor master/.test(output)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(child);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Master + two replicas + one sentinel watching them as `name`. Two replicas as the README advises:
 * with min-replicas-to-write 1, the new master accepts writes as soon as the other replica follows it.
 */
export async function startSentinelGroup(name = 'relais-test'): Promise<SentinelGroup> {
  // No 5 s wait before the first full sync: the replica is up within a few ms. A master refuses
  // writes without a replica (what the README asks for): a failover then loses no acknowledged write.
  const nodeArgs = ['--repl-diskless-sync-delay', '0', '--min-replicas-to-write', '1', '--min-replicas-max-lag', '10'];
  const master = await startRedisServer({ args: nodeArgs });
  const replicaArgs = [...nodeArgs, '--replicaof', '127.0.0.1', String(master.port)];
  const servers: RedisServer[] = [master, await startRedisServer({ args: replicaArgs }), await startRedisServer({ args: replicaArgs })];
  for (const replica of servers.slice(1)) {
    await waitFor('replica linked to its master', async () =>
      (await info(local(replica.port), 'replication')).get('master_link_status') === 'up' ? true : undefined,
    );
  }
  // Started after the link is up, so that its first INFO of the master already lists the replica.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-sentinel-'));
  const port = await freePort();
  const conf = path.join(dir, 'sentinel.conf');
  fs.writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${name} 2000`,
      `sentinel failover-timeout ${name} 10000`,
      '',
    ].join('\n'),
  );
  const sentinelProcess = await spawnSentinel(conf);
  const sentinel = local(port);

  const masterNow = async (): Promise<RedisNode> => {
    const [host, masterPort] = (await command(sentinel, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
    return { host, port: Number(masterPort) };
  };

  return {
    name,
    sentinel,
    target: { mode: 'sentinel', sentinels: [sentinel], name },
    master: masterNow,
    async failover() {
      const before = await masterNow();
      const replicas = servers.filter((server) => server.port !== before.port).map((server) => local(server.port));
      await waitFor('replicas caught up with the master', async () => {
        const offset = (await info(before, 'replication')).get('master_repl_offset');
        for (const replica of replicas) {
          if ((await info(replica, 'replication')).get('slave_repl_offset') !== offset) return undefined;
        }
        return true;
      });
      // NOGOODSLAVE until the sentinel has seen the replicas healthy: ask again until it accepts.
      await waitFor('sentinel accepting the failover', async () =>
        (await command(sentinel, 'SENTINEL', 'FAILOVER', name)) === 'OK' ? true : undefined,
      );
      return waitFor('sentinel naming the new master', async () => {
        const now = await masterNow();
        return now.port !== before.port ? now : undefined;
      });
    },
    async stop() {
      await stopChild(sentinelProcess);
      fs.rmSync(dir, { recursive: true, force: true });
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

export interface RedisClusterSetup {
  /** The store is given only the first node: it discovers the others. */
  readonly target: RedisTarget;
  readonly servers: readonly RedisServer[];
  /** The server whose slots hold every key of a deployment with this REDIS_PREFIX. */
  serverOf(prefix: string): Promise<RedisServer>;
  stop(): Promise<void>;
}

const SLOTS = 16384;

/** Three masters forming one cluster (slots split in three), ready to serve. */
export async function startRedisCluster(): Promise<RedisClusterSetup> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cluster-'));
  const servers: RedisServer[] = [];
  for (let i = 0; i < 3; i += 1) {
    const config = path.join(dir, `nodes-${i}.conf`);
    // nodes.conf lives outside the server's own folder so that a restarted node keeps its identity.
    servers.push(await startRedisServer({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', config] }));
  }
  const nodes = servers.map((server) => local(server.port));
  const ranges: [number, number][] = [];
  for (const [i, node] of nodes.entries()) {
    const first = Math.floor((SLOTS * i) / nodes.length);
    const last = Math.floor((SLOTS * (i + 1)) / nodes.length) - 1;
    ranges.push([first, last]);
    await command(node, 'CLUSTER', 'ADDSLOTSRANGE', first, last);
  }
  for (const node of nodes.slice(1)) await command(nodes[0]!, 'CLUSTER', 'MEET', node.host, node.port);
  await waitFor('cluster state ok on every node', async () => {
    for (const node of nodes) {
      const text = (await command(node, 'CLUSTER', 'INFO')) as string;
      if (!text.includes('cluster_state:ok') || !text.includes(`cluster_known_nodes:${nodes.length}`)) return undefined;
    }
    return true;
  });
  return {
    target: { mode: 'cluster', nodes: [nodes[0]!] },
    servers,
    async serverOf(prefix) {
      const slot = (await command(nodes[0]!, 'CLUSTER', 'KEYSLOT', `{${prefix}}:x`)) as number;
      const index = ranges.findIndex(([first, last]) => slot >= first && slot <= last);
      return servers[index]!;
    },
    async stop() {
      await Promise.all(servers.map((server) => server.stop()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
