-- Append one status change (measure_events is append-only).
INSERT INTO measure_events (
    measure_id, milestone_no, event_at, actor, from_status, to_status, note, reason,
    new_due_date, evidence_url, evidence_sha256, evidence_file_name
) VALUES (
    $measure_id, $milestone_no, $event_at, $actor, $from_status, $to_status, $note, $reason,
    $new_due_date, $evidence_url, $evidence_sha256, $evidence_file_name
)
RETURNING event_id
