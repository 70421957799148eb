-- Current results with agency details (partitioned by fiscal_year on export).
SELECT assessment_id, agency_id, agency_name, agency_type, district, province, fiscal_year,
       score, grade, iit_score, eit_score, oit_score, kind, document_id, loaded_at
FROM v_assessments
ORDER BY fiscal_year, agency_id
