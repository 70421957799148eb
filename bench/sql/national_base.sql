-- One row per synthetic (agency, fiscal year): ids and the agency's level that year.
-- $years: the fiscal years (B.E.); $catalog_years: the catalog year whose item lists each uses.
CREATE OR REPLACE TEMP TABLE bench_base AS
WITH years AS (
    SELECT unnest(CAST($years AS INTEGER[])) AS fiscal_year,
           unnest(CAST($catalog_years AS INTEGER[])) AS catalog_year
)
SELECT substr(sha256('assessment:' || g.agency_id || ':' || y.fiscal_year), 1, 16)
           AS assessment_id,
       sha256('document:' || g.agency_id || ':' || y.fiscal_year) AS document_id,
       g.agency_id,
       g.name AS agency_name,
       y.fiscal_year,
       y.catalog_year,
       -- typical level 68–96, most agencies improving by up to 1.5 a year
       68.0 + (hash(g.agency_id) % 2800) / 100.0
           + (y.fiscal_year - 2561) * ((hash(g.agency_id, 'drift') % 150) / 100.0)
           AS level,
       2.0 + (hash(g.agency_id, 'spread') % 800) / 100.0 AS spread
FROM agencies AS g
CROSS JOIN years AS y
