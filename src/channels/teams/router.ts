import type { CloudAdapter, TurnContext } from 'botbuilder';
import express, { type Router } from 'express';

/**
 * The HTTP endpoint of the Bot Framework (mounted at `/api/messages`): parses the JSON body, then
 * hands the request to the CloudAdapter, which authenticates it (401 without a valid token when an
 * app id is configured), runs the bot's logic and writes the response (an invoke's answer included).
 */
export function createTeamsRouter(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  options: { maxBodyBytes: number; isStopped: () => boolean },
): Router {
  const router = express.Router();
  router.use(express.json({ limit: options.maxBodyBytes }));
  router.post('/', async (req, res, next) => {
    if (options.isStopped()) {
      res.status(503).json({ error: 'Shutting down' });
      return;
    }
    try {
      await adapter.process(req, res, logic);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
