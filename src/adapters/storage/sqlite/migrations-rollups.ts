/**
 * Hourly and daily copies of minute_aggregates, so long ranges read hundreds of rows instead of
 * tens of thousands. A store with no minute data yet is marked ready at once; one with data is
 * rebuilt in the background at start (rebuildRollups) and read by minute until then.
 */
export const ROLLUP_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 30,
    name: 'hourly and daily aggregate rollups',
    sql: `
      CREATE TABLE aggregate_rollups (
        deployment TEXT NOT NULL,
        source TEXT NOT NULL,
        resolution_ms INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (deployment, source, resolution_ms, start_ms)
      );
      INSERT INTO settings (key, value) SELECT 'aggregate_rollups_ready', '1' WHERE NOT EXISTS (SELECT 1 FROM minute_aggregates);
    `,
  },
];
