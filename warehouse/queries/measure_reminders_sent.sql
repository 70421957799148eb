SELECT measure_id, reminder_date FROM measure_reminders WHERE reminder_date = $reminder_date
