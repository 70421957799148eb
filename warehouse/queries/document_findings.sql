SELECT finding_no, severity, check_code, field, detail_en, detail_th, found_at
FROM quarantine
WHERE document_id = $document_id
ORDER BY finding_no
