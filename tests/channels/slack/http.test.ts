import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, IDS, startHarness } from './support/harness.js';
import { directMessage, eventCallback, sign } from './support/wire.js';

/** What Slack's signing and retry rules mean for the real endpoint. */
describe('Slack HTTP endpoint (signed requests to POST /slack/events)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const question = "Combien de jours d'arrêt je peux mettre en téléconsultation ?";

  it('rejects a forged signature, and nothing reaches Slack', async () => {
    const before = h.api.calls.length;
    const { event } = directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: question });
    const post = eventCallback(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = sign('not-the-signing-secret', timestamp, post.body);
    const response = await h.post({ ...post, timestamp, signature: forged });
    expect(response.status).toBe(401);
    await h.settled();
    expect(h.api.calls.slice(before)).toEqual([]);
  });

  it('rejects a request signed more than 5 minutes ago (replay), and nothing reaches Slack', async () => {
    const before = h.api.calls.length;
    const { event } = directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: question });
    const response = await h.post({ ...eventCallback(event), timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    await h.settled();
    expect(h.api.calls.slice(before)).toEqual([]);
  });

  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: 'c-3a9f', type: 'url_verification' });
    const response = await h.post({ body, contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'c-3a9f' });
  });

  it('answers a retried event once (same event_id, X-Slack-Retry-Num)', async () => {
    const { event } = directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: question });
    const first = eventCallback(event);
    const dmPosts = () => h.api.callsOf('chat.postMessage', (a) => a.channel === IDS.doctorDm);
    const before = dmPosts().length;
    const started = Date.now();
    // Slack retries when it thinks the first delivery was not acknowledged: both may be in flight.
    const responses = await Promise.all([h.post(first), h.post({ ...first, retryNum: 1 })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(Date.now() - started).toBeLessThan(3_000);
    await h.api.waitFor(() => dmPosts().some((c) => String(c.args.text).includes('3 jours')));
    await h.post({ ...first, retryNum: 2 });
    await h.settled();
    const answers = dmPosts()
      .slice(before)
      .filter((c) => String(c.args.text).includes('ne peut pas dépasser 3 jours'));
    expect(answers).toHaveLength(1);
  });

  it('drops a retried event that no later layer would catch (App Home opened, same event_id)', async () => {
    const before = h.api.calls.length;
    const event = { type: 'app_home_opened', user: IDS.doctor, channel: IDS.doctorDm, tab: 'home', event_ts: '1790000000.000001' };
    const first = eventCallback(event);
    await h.post(first);
    await h.api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'views.publish'));
    await h.post({ ...first, retryNum: 1 });
    await h.settled();
    expect(h.api.calls.slice(before).filter((c) => c.method === 'views.publish')).toHaveLength(1);
  });
});
