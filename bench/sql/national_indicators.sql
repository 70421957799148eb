-- The indicators rows handed over as an Arrow table (registered as bench_indicators_rows).
CREATE OR REPLACE TEMP TABLE bench_indicators AS SELECT * FROM bench_indicators_rows
