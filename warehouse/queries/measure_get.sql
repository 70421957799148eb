-- One measure as generated (no edits applied).
SELECT * FROM measures WHERE measure_id = $measure_id
