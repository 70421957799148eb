-- Every catalog item of each (agency, year): four-level and yes/no items scatter around the
-- agency's level (each item a little easier or harder nationally); published (OIT) items are
-- 100 or 0 with a chance that grows with the level.
CREATE OR REPLACE TEMP TABLE bench_item_scores AS
WITH drawn AS (
    SELECT b.assessment_id, b.fiscal_year, c.item_code, c.indicator, c.scale,
           b.level + (hash(c.item_code) % 1600) / 100.0 - 8.0 AS item_level,
           b.spread,
           (hash(b.assessment_id, c.item_code) % 1000000) / 1000000.0 AS u
    FROM bench_base AS b
    JOIN bench_catalog AS c ON c.fiscal_year = b.fiscal_year
)
SELECT assessment_id, fiscal_year, item_code, indicator,
       CAST(CASE
           WHEN scale = 'published' THEN CASE WHEN u * 100 < item_level THEN 100 ELSE 0 END
           ELSE greatest(0, least(100, item_level + (u - 0.5) * 2 * spread))
       END AS DECIMAL(5, 2)) AS score
FROM drawn
