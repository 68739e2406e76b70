import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** The Redis part of the configuration: one mode at a time, each error naming its variable. */
const load = (env: Record<string, string>) => loadConfig(env, '/nonexistent');

describe('Redis configuration', () => {
  it('uses the embedded store when no Redis variable is set', () => {
    expect(load({}).redis).toBeUndefined();
  });

  it('reads one server from REDIS_URL', () => {
    expect(load({ REDIS_URL: 'redis://:secret@10.0.0.5:6380/2' }).redis).toEqual({
      mode: 'standalone',
      url: 'redis://:secret@10.0.0.5:6380/2',
    });
  });

  it('reads a Sentinel group: sentinels (default port 26379), group name, passwords, TLS', () => {
    const config = load({
      REDIS_SENTINELS: 'sentinel-a:26380, sentinel-b ,[fd00::1]:26381',
      REDIS_SENTINEL_NAME: 'relais',
      REDIS_SENTINEL_PASSWORD: 's3nt',
      REDIS_PASSWORD: 'data',
      REDIS_TLS: 'true',
    });
    expect(config.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 'sentinel-a', port: 26380 },
        { host: 'sentinel-b', port: 26379 },
        { host: 'fd00::1', port: 26381 },
      ],
      name: 'relais',
      sentinelPassword: 's3nt',
      password: 'data',
      tls: true,
    });
  });

  it('reads cluster nodes (default port 6379) with an ACL user', () => {
    const config = load({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2', REDIS_USERNAME: 'relais', REDIS_PASSWORD: 'pw' });
    expect(config.redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 6379 },
      ],
      username: 'relais',
      password: 'pw',
    });
  });

  it.each([
    [{ REDIS_URL: 'redis://a', REDIS_CLUSTER_NODES: 'b:7000' }, 'REDIS_CLUSTER_NODES: set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES'],
    [{ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'g', REDIS_CLUSTER_NODES: 'b:7000' }, 'REDIS_CLUSTER_NODES: set only one of'],
    [{ REDIS_SENTINELS: 'a:26379' }, 'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS'],
    [{ REDIS_SENTINEL_NAME: 'g' }, 'REDIS_SENTINEL_NAME: only used with REDIS_SENTINELS'],
    [{ REDIS_CLUSTER_NODES: 'a:70000' }, "REDIS_CLUSTER_NODES: 'a:70000': port must be 1-65535"],
    [{ REDIS_CLUSTER_NODES: ' , ' }, 'REDIS_CLUSTER_NODES: at least one host:port is required'],
    [{ REDIS_SENTINELS: 'a:b:c', REDIS_SENTINEL_NAME: 'g' }, "REDIS_SENTINELS: 'a:b:c' is not host:port"],
    [{ REDIS_URL: 'redis://a', REDIS_PASSWORD: 'x' }, 'REDIS_PASSWORD: not used with REDIS_URL'],
    [{ REDIS_TLS: 'yes' }, 'REDIS_TLS: only used with REDIS_SENTINELS or REDIS_CLUSTER_NODES'],
  ])('stops start-up naming the variable: %j', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});
