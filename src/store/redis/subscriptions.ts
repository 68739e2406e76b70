import type pino from 'pino';
import type { RedisClient } from './connection.js';
import type { RedisKeys } from './keys.js';

type Listener = (version: number) => void;

/**
 * Change notifications on Redis pub/sub, on a connection of their own (a subscribed connection can
 * run nothing else). ioredis resubscribes after a reconnect; messages published meanwhile are lost,
 * so on every reconnect the current version of each topic is read and delivered if it differs from
 * the last one seen. Callers still poll `getVersion` (the contract says pub/sub may miss versions).
 * On a Cluster, PUBLISH is broadcast to every node and ioredis keeps one subscriber connection to
 * some node, moving it (and its channels) when that node goes; with Sentinel it follows the master.
 */
export class RedisSubscriptions {
  private subscriber: RedisClient | null = null;
  private connecting: Promise<RedisClient> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastSeen = new Map<string, number>();
  private readonly topicOfChannel = new Map<string, string>();
  private closed = false;

  constructor(
    /** Opens the subscriber connection (same target as the command connection). */
    private readonly connect: () => Promise<RedisClient>,
    private readonly keys: RedisKeys,
    private readonly logger: pino.Logger,
    /** Reads a topic's current version (on the command connection). */
    private readonly readVersion: (topic: string) => Promise<number>,
  ) {}

  async subscribe(topic: string, listener: Listener): Promise<() => Promise<void>> {
    const subscriber = await this.connection();
    const channel = this.keys.versionChannel(topic);
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      this.topicOfChannel.set(channel, topic);
      await subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(topic);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(topic);
      this.topicOfChannel.delete(channel);
      this.lastSeen.delete(topic);
      await subscriber.unsubscribe(channel).catch(() => {
        /* down: the subscription dies with the connection, and is not restored (no listener) */
      });
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const subscriber = this.subscriber ?? (await this.connecting?.catch(() => null));
    this.subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private connection(): Promise<RedisClient> {
    if (this.subscriber) return Promise.resolve(this.subscriber);
    this.connecting ??= this.connect().then(
      (subscriber) => {
        subscriber.on('message', (channel: string, message: string) => this.deliver(channel, Number(message)));
        subscriber.on('ready', () => void this.catchUp());
        this.subscriber = subscriber;
        return subscriber;
      },
      (error: unknown) => {
        this.connecting = null;
        throw error;
      },
    );
    return this.connecting;
  }

  private deliver(channel: string, version: number): void {
    const topic = this.topicOfChannel.get(channel);
    if (topic === undefined) return;
    this.announce(topic, version);
  }

  private announce(topic: string, version: number): void {
    // Not `<=`: a Redis restarted without persistence counts from 0 again, and that is news too.
    if (!Number.isFinite(version) || version === (this.lastSeen.get(topic) ?? 0)) return;
    this.lastSeen.set(topic, version);
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        listener(version);
      } catch (error) {
        this.logger.error({ err: error, topic }, 'redis store: a change listener threw');
      }
    }
  }

  /** After a reconnect: deliver versions bumped while the subscription was down. */
  private async catchUp(): Promise<void> {
    // The command connection may come back a little after this one: try for a few seconds.
    for (let attempt = 1; attempt <= 10 && !this.closed; attempt += 1) {
      try {
        for (const topic of [...this.listeners.keys()]) this.announce(topic, await this.readVersion(topic));
        return;
      } catch (error) {
        if (attempt === 10) this.logger.warn({ err: error }, 'redis store: could not read versions after reconnecting');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  }
}
