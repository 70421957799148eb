SELECT username
FROM users
ORDER BY username
