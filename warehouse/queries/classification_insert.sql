INSERT INTO classifications (
    assessment_id, agency_id, fiscal_year, document_id, score, grade, printed_grade,
    grade_agrees, passed, most_urgent_indicator, most_urgent_name, most_urgent_score,
    most_urgent_tied, most_urgent_note_th, most_urgent_note_en, strengths, weaknesses,
    to_improve, previous_fiscal_year, previous_score, score_change, peer_province,
    peer_agency_type, peer_count, peer_score, strength_above, weakness_below, improve_below,
    pass_line, notes, classified_at
) VALUES (
    $assessment_id, $agency_id, $fiscal_year, $document_id, $score, $grade, $printed_grade,
    $grade_agrees, $passed, $most_urgent_indicator, $most_urgent_name, $most_urgent_score,
    $most_urgent_tied, $most_urgent_note_th, $most_urgent_note_en, $strengths, $weaknesses,
    $to_improve, $previous_fiscal_year, $previous_score, $score_change, $peer_province,
    $peer_agency_type, $peer_count, $peer_score, $strength_above, $weakness_below,
    $improve_below, $pass_line, $notes, current_timestamp
)
