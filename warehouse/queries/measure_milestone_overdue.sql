-- Milestones overdue at the end of a Bangkok day (v_overdue_milestones is this for today).
SELECT *
FROM overdue_milestones_as_of($as_of)
WHERE ($agency_id IS NULL OR agency_id = $agency_id)
  AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
ORDER BY days_overdue DESC, measure_id, milestone_no
