-- Append one human edit (measure_edits is append-only; the latest edit of a field wins).
INSERT INTO measure_edits (measure_id, milestone_no, field, value, edited_at, actor, note)
VALUES ($measure_id, $milestone_no, $field, $value, $edited_at, $actor, $note)
RETURNING edit_id
