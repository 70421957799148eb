-- Assessments to classify: every current result, or those of one fiscal year / agency.
SELECT assessment_id, agency_id, fiscal_year
FROM assessments
WHERE ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
  AND ($agency_id IS NULL OR agency_id = $agency_id)
ORDER BY fiscal_year, agency_id
