SELECT s.assessment_id, a.agency_id, a.fiscal_year, s.indicator, s.score
FROM indicator_scores AS s
JOIN assessments AS a USING (assessment_id)
ORDER BY a.fiscal_year, s.assessment_id, s.indicator
