-- The documents rows of many ids at once (the loader's look-up for a chunk).
SELECT document_id, file_name, status, reason, ingested_at, agency_name, fiscal_year
FROM documents
WHERE list_contains($document_ids, document_id)
