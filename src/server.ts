import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import type { Logger } from './observability.js';
import { metricsRegistry } from './observability.js';
import type { Store } from './store/contract.js';

export interface HttpMount {
  /** Mount path, e.g. `/` for the console, `/slack/events`, `/api/messages`. */
  path: string;
  router: Router;
}

export interface ServerOptions {
  store: Store;
  logger: Logger;
  /** Routers from the channels, mounted in order after the health endpoints. */
  mounts: HttpMount[];
  metricsEnabled: boolean;
}

/**
 * The one HTTP server: health endpoints, metrics, then the channels' routers. Channels parse their
 * own bodies (Slack needs the raw body to check signatures), so no global body parser here.
 */
export function createHttpApp(options: ServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      // The server only listens once content is loaded and the matcher trained (src/app.ts), so
      // the store is the one dependency left to check.
      await options.store.ping();
      res.json({ status: 'ready', store: options.store.kind });
    } catch (err) {
      options.logger.warn({ err }, 'readiness check failed: store unreachable');
      res.status(503).json({ status: 'unavailable', store: options.store.kind });
    }
  });

  if (options.metricsEnabled) {
    app.get('/metrics', async (_req, res) => {
      res.set('Content-Type', metricsRegistry.contentType);
      res.send(await metricsRegistry.metrics());
    });
  }

  for (const mount of options.mounts) app.use(mount.path, mount.router);

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) options.logger.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) return;
    const message =
      err?.type === 'entity.too.large'
        ? 'Payload too large'
        : err?.type === 'entity.parse.failed'
          ? 'Malformed JSON body'
          : status >= 500
            ? 'Internal error'
            : String(err?.message ?? 'Bad request');
    res.status(status).json({ error: message });
  };
  app.use(onError);
  return app;
}

/** Starts listening; resolves once the port is bound. */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting connections and waits for in-flight requests (bounded by `timeoutMs`). */
export function closeServer(server: Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
