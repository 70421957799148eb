-- An evidence file recorded on a measure event (only such files are served by `ita web`).
SELECT evidence_sha256, any_value(evidence_file_name) AS evidence_file_name
FROM measure_events
WHERE evidence_sha256 = $sha256
GROUP BY evidence_sha256
