INSERT INTO agencies (agency_id, name, name_key, agency_type, district, province)
VALUES ($agency_id, $name, $name_key, $agency_type, $district, $province)
ON CONFLICT DO NOTHING
