import type { Store } from '../../src/store/contract.js';

/** Outbox items due later than this are scheduled (reminders, deadlines), not on their way. */
const SCHEDULED_AFTER_MS = 60_000;
const SETTLE_TIMEOUT_MS = 15_000;

/**
 * Resolves once Relais has finished with everything it was sent: `busy()` (requests a channel is
 * still handling) is 0 and no notification is due in the outbox (a leased one is still pending),
 * twice in a row, since a handler may enqueue a notification just as it finishes. Then what reached
 * the fake platform is complete: nothing is still on its way.
 */
export async function waitUntilSettled(store: Store, busy: () => number = () => 0): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (let quiet = 0; quiet < 2; ) {
    const onItsWay = (await store.listOutbox({ status: 'pending' })).filter(
      (item) => item.nextAttemptAt < Date.now() + SCHEDULED_AFTER_MS,
    );
    quiet = busy() === 0 && onItsWay.length === 0 ? quiet + 1 : 0;
    if (quiet === 0 && Date.now() > deadline) {
      throw new Error(`Relais still busy after ${SETTLE_TIMEOUT_MS} ms: ${busy()} requests, ${onItsWay.length} notifications`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
