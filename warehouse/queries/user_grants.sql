WITH grants AS (
    SELECT role, agency_id
    FROM user_grants
    WHERE username = $username
)
SELECT grants.role, grants.agency_id, agencies.name AS agency_name
FROM grants
LEFT JOIN agencies USING (agency_id)
ORDER BY grants.role, agencies.name
