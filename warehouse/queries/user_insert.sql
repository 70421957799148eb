INSERT INTO users (username, display_name, password_hash)
VALUES ($username, $display_name, $password_hash)
