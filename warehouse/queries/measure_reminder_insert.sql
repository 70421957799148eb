-- At most one reminder per measure per day: a second insert for the same day does nothing.
INSERT INTO measure_reminders (measure_id, reminder_date, kind, owner, message_th, message_en)
VALUES ($measure_id, $reminder_date, $kind, $owner, $message_th, $message_en)
ON CONFLICT (measure_id, reminder_date) DO NOTHING
RETURNING measure_id
