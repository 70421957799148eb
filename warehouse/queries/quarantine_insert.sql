INSERT INTO quarantine (document_id, finding_no, check_code, severity, field, detail_en, detail_th)
VALUES ($document_id, $finding_no, $check_code, $severity, $field, $detail_en, $detail_th)
