-- Fill details an earlier document did not print; never overwrite what is known.
-- incoming_agencies: an Arrow table registered by the writer for this statement.
UPDATE agencies AS a
SET agency_type = coalesce(a.agency_type, i.agency_type),
    district = coalesce(a.district, i.district),
    province = coalesce(a.province, i.province)
FROM (
    SELECT agency_id, any_value(agency_type) AS agency_type, any_value(district) AS district,
           any_value(province) AS province
    FROM incoming_agencies
    GROUP BY agency_id
) AS i
WHERE a.agency_id = i.agency_id
  AND (a.agency_type IS NULL AND i.agency_type IS NOT NULL
       OR a.district IS NULL AND i.district IS NOT NULL
       OR a.province IS NULL AND i.province IS NOT NULL)
