-- The current result of one assessment with its agency (input of ita.classify).
SELECT assessment_id, agency_id, agency_name, agency_type, district, province, fiscal_year,
       kind, score, grade, iit_score, eit_score, oit_score, document_id
FROM v_assessments
WHERE assessment_id = $assessment_id
