-- The measures already stored for an agency's plan year (to regenerate without overwriting).
SELECT measure_id, issue_key, kind
FROM measures
WHERE agency_id = $agency_id AND fiscal_year = $fiscal_year
ORDER BY measure_id
