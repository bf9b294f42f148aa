import { Counter, register } from 'prom-client';

/** What became of a BSN signal: matched a client, matched none, or refused over the limit. */
export type BsnSignalOutcome = 'match' | 'miss' | 'throttled';

const signals = new Counter({
  name: 'samenloop_bsn_signals_total',
  help: 'BSN signals (involvement-signalled) by partner and outcome: match, miss (no client with that BSN) or throttled',
  labelNames: ['partner', 'outcome'] as const,
  registers: [register],
});

/** Recorder for the intake's signal and match, so it needs no prom-client of its own. */
export const bsnSignalMetrics = {
  counted(partnerId: string, outcome: BsnSignalOutcome): void {
    signals.inc({ partner: partnerId, outcome });
  },
};
