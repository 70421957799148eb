-- The classification of every assessment, as far as the README's example needs it: the most
-- urgent (lowest) indicator with its catalog name, pass or not, and the lines used.
INSERT INTO classifications (assessment_id, agency_id, fiscal_year, document_id, score, grade,
                             printed_grade, grade_agrees, passed, most_urgent_indicator,
                             most_urgent_name, most_urgent_score, strength_above,
                             weakness_below, improve_below, pass_line)
WITH lowest AS (
    SELECT s.assessment_id,
           arg_min(s.indicator, s.score * 100 + s.indicator / 100.0) AS indicator,
           min(s.score) AS score
    FROM indicator_scores AS s
    GROUP BY s.assessment_id
)
SELECT a.assessment_id, a.agency_id, a.fiscal_year, a.document_id, a.score, a.grade, a.grade,
       TRUE, a.score >= CAST($pass_line AS DECIMAL(5, 2)), l.indicator, i.name, l.score,
       80, 80, 85, CAST($pass_line AS DECIMAL(5, 2))
FROM assessments AS a
JOIN lowest AS l USING (assessment_id)
JOIN bench_indicators AS i ON i.fiscal_year = a.fiscal_year AND i.indicator = l.indicator
