SELECT agency_id, name, agency_type, district, province
FROM agencies
WHERE agency_id = $agency_id
