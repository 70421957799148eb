UPDATE users
SET password_hash = $password_hash, password_changed_at = current_timestamp
WHERE username = $username
