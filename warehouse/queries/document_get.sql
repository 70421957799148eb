SELECT document_id, file_name, status, reason, ingested_at, agency_name, fiscal_year
FROM documents
WHERE document_id = $document_id
