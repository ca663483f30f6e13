import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { installAuthHook, type AuthGuard } from './auth/guard.js';
import { installErrorHandler } from './errors.js';

export interface ServerOptions {
  logger: Logger;
  /** The largest body any route accepts; routes set their own lower limits. */
  maxBodyBytes: number;
  /** When set, every route needs the role src/core/auth/access.ts assigns it (checked before routing). */
  auth?: AuthGuard | undefined;
}

/**
 * The bare HTTP app: raw-buffer body parsing (the gateway forwards bytes unchanged; JSON routes
 * decode strictly themselves), the error mapping, the auth check when configured, no routes.
 * `listen` is the caller's business, so tests run the app in-process.
 */
export function buildHttpApp(o: ServerOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: o.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: o.maxBodyBytes,
    keepAliveTimeout: 72_000,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => { done(null, body); });
  installErrorHandler(app);
  if (o.auth) installAuthHook(app, o.auth);
  return app;
}
