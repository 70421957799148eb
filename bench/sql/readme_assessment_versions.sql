-- README example: a result's history after corrections.
SELECT fiscal_year, score, grade, is_current, document_id, superseded_at
FROM v_assessment_versions
JOIN agencies USING (agency_id)
WHERE name = $name
ORDER BY fiscal_year, loaded_at
