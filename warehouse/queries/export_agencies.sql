SELECT agency_id, name, name_key, agency_type, district, province
FROM agencies
ORDER BY agency_id
