/**
 * Per-channel pacing of outgoing messages: Slack allows about one message per second per channel
 * (bursts are tolerated briefly, sustained ones get 429s). Each call reserves the next free slot of
 * its channel and waits for it, so deliveries to one busy channel never delay the others.
 */
export class ChannelPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly intervalMs = 1_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message may be sent to `channel`. */
  async wait(channel: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, slot + this.intervalMs);
    if (this.nextSlot.size > 10_000) this.forgetPast(now);
    if (slot > now) await this.sleep(slot - now);
  }

  private forgetPast(now: number): void {
    for (const [channel, slot] of this.nextSlot) if (slot < now) this.nextSlot.delete(channel);
  }
}
