-- The catalog rows handed over as an Arrow table (registered as bench_catalog_rows).
CREATE OR REPLACE TEMP TABLE bench_catalog AS SELECT * FROM bench_catalog_rows
