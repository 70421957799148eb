-- The milestones of one measure as generated.
SELECT * FROM measure_milestones WHERE measure_id = $measure_id ORDER BY milestone_no
