-- incoming_assessments: an Arrow table registered by the writer for this statement.
INSERT INTO assessments (
    assessment_id, agency_id, fiscal_year, kind, score, grade, iit_score, eit_score, oit_score,
    document_id
)
SELECT assessment_id, agency_id, fiscal_year, kind, score, grade, iit_score, eit_score,
       oit_score, document_id
FROM incoming_assessments
