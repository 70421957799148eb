INSERT INTO classification_weak_items (
    assessment_id, indicator, item_code, tool, sub_indicator, text, score, reason
) VALUES (
    $assessment_id, $indicator, $item_code, $tool, $sub_indicator, $text, $score, $reason
)
