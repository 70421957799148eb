DELETE FROM user_grants
WHERE username = $username
  AND role = $role
  AND agency_id IS NOT DISTINCT FROM $agency_id
