INSERT INTO documents (
    document_id, source_uri, file_name, byte_size, page_count, producer, kind, agency_name,
    fiscal_year, status, reason, duplicate_of
)
VALUES (
    $document_id, $source_uri, $file_name, $byte_size, $page_count, $producer, $kind,
    $agency_name, $fiscal_year, $status, $reason, $duplicate_of
)
