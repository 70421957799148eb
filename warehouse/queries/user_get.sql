SELECT username, display_name, password_hash, created_at, password_changed_at
FROM users
WHERE username = $username
