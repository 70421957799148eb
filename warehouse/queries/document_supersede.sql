UPDATE documents
SET status = 'superseded', superseded_by = $superseded_by, reason = $reason
WHERE document_id = $document_id
