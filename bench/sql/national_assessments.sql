-- Tool scores are means of their indicators, the overall score their weighted sum (weights of
-- the catalog year), the grade the first band of that year that the scores reach.
INSERT INTO assessments (assessment_id, agency_id, fiscal_year, kind, score, grade,
                         iit_score, eit_score, oit_score, document_id)
WITH tools AS (
    SELECT s.assessment_id, i.tool, any_value(i.tool_weight) AS weight,
           CAST(avg(s.score) AS DECIMAL(5, 2)) AS tool_score
    FROM indicator_scores AS s
    JOIN bench_base AS b USING (assessment_id)
    JOIN bench_indicators AS i ON i.fiscal_year = b.fiscal_year AND i.indicator = s.indicator
    GROUP BY s.assessment_id, i.tool
),
scored AS (
    SELECT assessment_id,
           max(tool_score) FILTER (WHERE tool = 'IIT') AS iit_score,
           max(tool_score) FILTER (WHERE tool = 'EIT') AS eit_score,
           max(tool_score) FILTER (WHERE tool = 'OIT') AS oit_score,
           CAST(sum(weight * tool_score) AS DECIMAL(5, 2)) AS score
    FROM tools
    GROUP BY assessment_id
),
graded AS (
    SELECT s.assessment_id, arg_min(g.label, g.band_order) AS grade
    FROM scored AS s
    JOIN bench_base AS b USING (assessment_id)
    JOIN bench_bands AS g
      ON g.fiscal_year = b.fiscal_year
     AND s.score BETWEEN g.min_score AND g.max_score
     AND least(s.iit_score, s.eit_score, s.oit_score) >= coalesce(g.tools_min, 0)
    GROUP BY s.assessment_id
)
SELECT b.assessment_id, b.agency_id, b.fiscal_year, 'itas_result', s.score, g.grade,
       s.iit_score, s.eit_score, s.oit_score, b.document_id
FROM bench_base AS b
JOIN scored AS s USING (assessment_id)
LEFT JOIN graded AS g USING (assessment_id)
