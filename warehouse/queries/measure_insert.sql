INSERT INTO measures (
    measure_id, agency_id, assessment_id, fiscal_year, source_fiscal_year, issue_key, kind,
    indicator, tool, issue_score, issue, item_codes, title, owner, start_date, due_date,
    monitoring, evidence_expected, template_keys, is_carried_over, carried_from_measure_id,
    generated_at, generated_by
) VALUES (
    $measure_id, $agency_id, $assessment_id, $fiscal_year, $source_fiscal_year, $issue_key,
    $kind, $indicator, $tool, $issue_score, $issue, $item_codes, $title, $owner, $start_date,
    $due_date, $monitoring, $evidence_expected, $template_keys, $is_carried_over,
    $carried_from_measure_id, $generated_at, $generated_by
)
