/**
 * Which Redis deployment the store talks to. Exactly one of three modes, chosen by configuration:
 * - `standalone`: one server (`REDIS_URL`);
 * - `sentinel`: the current master of a Sentinel-monitored group (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`);
 * - `cluster`: a Redis Cluster, reached through any of its nodes (`REDIS_CLUSTER_NODES`).
 */

/** One `host:port` address. */
export interface RedisNode {
  host: string;
  port: number;
}

/** Credentials and TLS of the data nodes when they are not given by a URL. */
export interface RedisNodeAuth {
  username?: string;
  password?: string;
  /** Connect to the data nodes over TLS (system CAs). */
  tls?: boolean;
}

export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | ({
      mode: 'sentinel';
      sentinels: RedisNode[];
      /** Master group name, as in `sentinel monitor <name> …`. */
      name: string;
      /** Password of the sentinels themselves (`requirepass` in sentinel.conf), if any. */
      sentinelPassword?: string;
    } & RedisNodeAuth)
  | ({ mode: 'cluster'; nodes: RedisNode[] } & RedisNodeAuth);

/** The configuration variable that chose this target, for error messages. */
export function targetVariable(target: RedisTarget): string {
  if (target.mode === 'sentinel') return 'REDIS_SENTINELS';
  if (target.mode === 'cluster') return 'REDIS_CLUSTER_NODES';
  return 'REDIS_URL';
}

const formatNodes = (nodes: RedisNode[]): string =>
  nodes.map((n) => (n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`)).join(',');

/** `redis://host:port/db` without credentials, for messages and logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

/** Where the store connects, without credentials: for messages and logs. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.mode === 'sentinel') return `sentinel group '${target.name}' via ${formatNodes(target.sentinels)}`;
  if (target.mode === 'cluster') return `cluster via ${formatNodes(target.nodes)}`;
  return describeRedisUrl(target.url);
}

/**
 * Parses `host:port,host:port` (`[::1]:port` for IPv6; the port defaults to `defaultPort`).
 * Returns the nodes, or a message saying what is wrong.
 */
export function parseRedisNodes(text: string, defaultPort: number): RedisNode[] | string {
  const nodes: RedisNode[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]\s]+))(?::(\d+))?$/.exec(item);
    if (!match) return `'${item}' is not host:port`;
    const port = match[3] === undefined ? defaultPort : Number(match[3]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return `'${item}': port must be 1-65535`;
    nodes.push({ host: match[1] ?? match[2]!, port });
  }
  if (nodes.length === 0) return 'at least one host:port is required';
  return nodes;
}
