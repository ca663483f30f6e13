import pino from 'pino';
import { systemClock } from '../../adapters/system-clock.js';
import type { ArgusConfig } from '../../contracts/config.js';
import { openStore } from '../open-store.js';
import { buildClassifier, samplerFrom } from '../build-analysis.js';
import { startAnalysisLoop } from './analysis-loop.js';
import { createAnalyzer } from './analyzer.js';
import type { AnalysisMessage } from './analysis-runner.js';

/** Entry point of the analysis child process (see createProcessRunner). */
const send = (m: AnalysisMessage) => { if (process.connected) process.send?.(m); };
const logger = pino({ level: 'info', base: { service: 'argus', part: 'analysis' } });

process.once('message', (init: { type: 'init'; config: ArgusConfig }) => {
  const config = init.config;
  logger.level = config.log.level;
  const store = openStore(config);
  const suite = buildClassifier(config);
  const analyzer = createAnalyzer(suite, (err) => send({ type: 'error', stage: 'analyse', message: `classifier: ${(err as Error).message}` }));
  send({ type: 'ready', missing: suite ? [...suite.missing] : ['all'] });
  let boosted: Record<string, number> = {};
  const loop = startAnalysisLoop({
    store, analyzer, sampler: samplerFrom(config, (d) => boosted[d]), clock: systemClock, logger, batchSize: config.pipeline.batch_size,
    observer: {
      analysed: (status, count) => send({ type: 'analysed', status, count }),
      stage: (stage, seconds) => send({ type: 'stage', stage, seconds }),
      error: (stage, err) => send({ type: 'error', stage, message: (err as Error).message }),
      progress: (cursorSeq) => send({ type: 'progress', cursorSeq }),
      idle: () => send({ type: 'idle' }),
    },
  });
  const shutdown = () => { void loop.stop().then(() => store.close()).then(() => process.exit(0)); };
  process.on('message', (m: { type: string; rates?: Record<string, number> }) => {
    if (m.type === 'kick') loop.kick();
    else if (m.type === 'boost') boosted = m.rates ?? {};
    else if (m.type === 'stop') shutdown();
  });
  process.on('disconnect', shutdown);
});
