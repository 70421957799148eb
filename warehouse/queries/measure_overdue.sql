-- Measures overdue at the end of a Bangkok day (the view v_overdue_measures is this for today).
SELECT *
FROM overdue_measures_as_of($as_of)
WHERE ($agency_id IS NULL OR agency_id = $agency_id)
  AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
ORDER BY days_overdue DESC, measure_id
