DELETE FROM quarantine WHERE document_id = $document_id
