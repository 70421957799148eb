SELECT document_id, finding_no, check_code, severity, field, detail_en, detail_th, found_at
FROM quarantine
ORDER BY document_id, finding_no
