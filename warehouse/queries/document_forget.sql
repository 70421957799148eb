-- Drop a quarantined document's record before it is checked again (same transaction).
DELETE FROM documents WHERE document_id = $document_id AND status = 'quarantined'
