-- incoming_agencies: an Arrow table registered by the writer for this statement.
INSERT INTO agencies (agency_id, name, name_key, agency_type, district, province)
SELECT DISTINCT ON (agency_id) agency_id, name, name_key, agency_type, district, province
FROM incoming_agencies
ORDER BY agency_id
ON CONFLICT DO NOTHING
