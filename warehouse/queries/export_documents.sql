SELECT document_id, source_uri, file_name, byte_size, page_count, producer, kind, agency_name,
       fiscal_year, ingested_at, status, reason, duplicate_of, superseded_by
FROM documents
ORDER BY ingested_at, document_id
