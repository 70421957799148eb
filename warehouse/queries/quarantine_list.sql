-- Documents refused at ingestion, newest first, with their first reason and error count.
SELECT d.document_id, d.file_name, d.agency_name, d.fiscal_year, d.ingested_at, d.reason,
       count(q.finding_no) FILTER (WHERE q.severity = 'error') AS errors
FROM documents AS d
LEFT JOIN quarantine AS q USING (document_id)
WHERE d.status = 'quarantined'
GROUP BY ALL
ORDER BY d.ingested_at DESC, d.document_id
