-- Documents whose id starts with $prefix (users type the first 8–12 hex digits).
SELECT document_id, source_uri, file_name, byte_size, page_count, producer, kind, agency_name,
       fiscal_year, ingested_at, status, reason, duplicate_of, superseded_by
FROM documents
WHERE starts_with(document_id, lower($prefix))
ORDER BY document_id
LIMIT 5
