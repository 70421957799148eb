INSERT INTO classification_indicators (
    assessment_id, indicator, name, tool, score, score_rank, weight, category, to_improve,
    is_most_urgent, items_known, previous_score, score_change, peer_average, vs_peers
) VALUES (
    $assessment_id, $indicator, $name, $tool, $score, $score_rank, $weight, $category,
    $to_improve, $is_most_urgent, $items_known, $previous_score, $score_change, $peer_average,
    $vs_peers
)
