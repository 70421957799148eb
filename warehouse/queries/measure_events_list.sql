-- Events of the measures of one agency and/or plan year, or of one measure, in time order.
SELECT ev.event_id, ev.measure_id, ev.milestone_no, ev.event_at, ev.actor, ev.from_status,
       ev.to_status, ev.note, ev.reason, ev.new_due_date, ev.evidence_url, ev.evidence_sha256,
       ev.evidence_file_name, ev.recorded_at
FROM measure_events AS ev
JOIN measures AS m USING (measure_id)
WHERE ($agency_id IS NULL OR m.agency_id = $agency_id)
  AND ($fiscal_year IS NULL OR m.fiscal_year = $fiscal_year)
  AND ($measure_id IS NULL OR ev.measure_id = $measure_id)
ORDER BY ev.event_at, ev.event_id
