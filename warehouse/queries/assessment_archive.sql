-- Copy the current result (and its scores) of an assessment into the history tables.
INSERT INTO assessment_history (
    assessment_id, document_id, agency_id, fiscal_year, kind, score, grade, iit_score,
    eit_score, oit_score, loaded_at, superseded_by
)
SELECT assessment_id, document_id, agency_id, fiscal_year, kind, score, grade, iit_score,
       eit_score, oit_score, loaded_at, $superseded_by
FROM assessments
WHERE assessment_id = $assessment_id
