-- Fill details an earlier document did not print; never overwrite what is known.
UPDATE agencies
SET agency_type = coalesce(agency_type, CAST($agency_type AS VARCHAR)),
    district = coalesce(district, CAST($district AS VARCHAR)),
    province = coalesce(province, CAST($province AS VARCHAR))
WHERE agency_id = $agency_id
  AND (agency_type IS NULL AND CAST($agency_type AS VARCHAR) IS NOT NULL
       OR district IS NULL AND CAST($district AS VARCHAR) IS NOT NULL
       OR province IS NULL AND CAST($province AS VARCHAR) IS NOT NULL)
