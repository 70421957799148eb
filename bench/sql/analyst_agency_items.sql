-- Every item score of the agencies whose name contains $agency, across fiscal years.
SELECT g.name, g.province, a.fiscal_year, s.item_code, s.score
FROM agencies AS g
JOIN assessments AS a USING (agency_id)
JOIN item_scores AS s USING (assessment_id)
WHERE contains(g.name, $agency)
ORDER BY g.name, g.province, a.fiscal_year, s.item_code
