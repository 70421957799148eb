-- The bands rows handed over as an Arrow table (registered as bench_bands_rows).
CREATE OR REPLACE TEMP TABLE bench_bands AS SELECT * FROM bench_bands_rows
