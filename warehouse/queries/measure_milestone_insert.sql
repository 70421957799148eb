INSERT INTO measure_milestones (
    measure_id, milestone_no, step_no, item_code, text, occurrence, owner, due_spec, due_date
) VALUES (
    $measure_id, $milestone_no, $step_no, $item_code, $text, $occurrence, $owner, $due_spec,
    $due_date
)
