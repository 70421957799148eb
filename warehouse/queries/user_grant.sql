-- Idempotent: granting what is already granted adds nothing.
INSERT INTO user_grants (username, role, agency_id, granted_by)
SELECT $username, $role, $agency_id, $granted_by
WHERE NOT EXISTS (
    SELECT 1
    FROM user_grants
    WHERE username = $username
      AND role = $role
      AND agency_id IS NOT DISTINCT FROM $agency_id
)
