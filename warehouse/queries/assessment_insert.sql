INSERT INTO assessments (
    assessment_id, agency_id, fiscal_year, kind, score, grade, iit_score, eit_score, oit_score,
    document_id
)
VALUES (
    $assessment_id, $agency_id, $fiscal_year, $kind, $score, $grade, $iit_score, $eit_score,
    $oit_score, $document_id
)
