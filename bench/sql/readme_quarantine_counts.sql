-- README example: refusals and warnings counted by check.
SELECT check_code, severity, count(*) AS n
FROM quarantine
GROUP BY ALL
