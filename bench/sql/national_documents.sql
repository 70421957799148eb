-- The lineage rows: one loaded ITAS result document per assessment.
INSERT INTO documents (document_id, source_uri, file_name, byte_size, page_count, producer,
                       kind, agency_name, fiscal_year, status)
SELECT document_id,
       'file:///national/' || fiscal_year || '/' || assessment_id || '.pdf',
       assessment_id || '.pdf',
       60000 + hash(document_id) % 40000,
       3,
       'bench',
       'itas_result',
       agency_name,
       fiscal_year,
       'loaded'
FROM bench_base
