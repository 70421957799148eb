-- incoming_quarantine: an Arrow table registered by the writer for this statement.
INSERT INTO quarantine (document_id, finding_no, check_code, severity, field, detail_en, detail_th)
SELECT document_id, finding_no, check_code, severity, field, detail_en, detail_th
FROM incoming_quarantine
