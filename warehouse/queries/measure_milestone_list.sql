-- Milestones as of a Bangkok day, with edits applied and their status; optional filters.
SELECT *
FROM milestones_as_of($as_of)
WHERE ($agency_id IS NULL OR agency_id = $agency_id)
  AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
  AND ($measure_id IS NULL OR measure_id = $measure_id)
ORDER BY measure_id, milestone_no
