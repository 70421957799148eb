SELECT s.assessment_id, a.agency_id, a.fiscal_year, s.item_code, s.score
FROM item_scores AS s
JOIN assessments AS a USING (assessment_id)
ORDER BY a.fiscal_year, s.assessment_id, s.item_code
