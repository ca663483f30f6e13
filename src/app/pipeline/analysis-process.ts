import pino from 'pino';
import { systemClock } from '../../adapters/system-clock.js';
import type { ArgusConfig } from '../../contracts/config.js';
import { applyHeapGrowth } from '../heap-growth.js';
import { openStore } from '../open-store.js';
import { buildClassifier, samplerFrom } from '../build-analysis.js';
import { startAnalysisLoop } from './analysis-loop.js';
import { createAnalyzer } from './analyzer.js';
import type { AnalysisMessage, BatchReport } from './analysis-runner.js';

/** Entry point of the analysis child process (see createProcessRunner). */
const send = (m: AnalysisMessage) => { if (process.connected) process.send?.(m); };
const emptyReport = (): BatchReport => ({ analysed: {}, stages: [] });
const logger = pino({ level: 'info', base: { service: 'argus', part: 'analysis' } });

process.once('message', (init: { type: 'init'; config: ArgusConfig }) => {
  const config = init.config;
  logger.level = config.log.level;
  // The same bound as the server's: left to V8, this process's heap swung by 50 MiB between collections.
  applyHeapGrowth(config.server.heap_growth_percent);
  const store = openStore(config);
  const suite = buildClassifier(config);
  const analyzer = createAnalyzer(suite, (err) => send({ type: 'error', stage: 'analyse', message: `classifier: ${(err as Error).message}` }));
  send({ type: 'ready', missing: suite ? [...suite.missing] : ['all'] });
  let boosted: Record<string, number> = {};
  let report = emptyReport();
  const loop = startAnalysisLoop({
    store, analyzer, sampler: samplerFrom(config, (d) => boosted[d]), clock: systemClock, logger, batchSize: config.pipeline.batch_size,
    observer: {
      // A batch's counts and stage timings travel with its progress, as one message instead of four.
      analysed: (status, count) => { report.analysed[status] = (report.analysed[status] ?? 0) + count; },
      stage: (stage, seconds) => { report.stages.push([stage, seconds]); },
      error: (stage, err) => send({ type: 'error', stage, message: (err as Error).message }),
      progress: (cursorSeq) => { send({ type: 'progress', cursorSeq, ...report }); report = emptyReport(); },
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
