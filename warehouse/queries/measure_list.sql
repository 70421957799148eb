-- Measures as of a Bangkok day, with edits applied and their status; optional filters.
SELECT *,
       due_date < CAST($as_of AS DATE)
           AND status NOT IN ('done', 'cancelled')
           AND carried_into_measure_id IS NULL AS is_overdue
FROM measures_as_of($as_of)
WHERE ($agency_id IS NULL OR agency_id = $agency_id)
  AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
  AND ($status IS NULL OR status = $status)
  AND ($measure_id IS NULL OR measure_id = $measure_id)
ORDER BY fiscal_year, agency_name, agency_id, issue_score NULLS LAST, measure_id
