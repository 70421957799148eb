-- incoming_documents: an Arrow table registered by the writer for this statement.
INSERT INTO documents (
    document_id, source_uri, file_name, byte_size, page_count, producer, kind, agency_name,
    fiscal_year, status, reason, duplicate_of
)
SELECT document_id, source_uri, file_name, byte_size, page_count, producer, kind, agency_name,
       fiscal_year, status, reason, duplicate_of
FROM incoming_documents
