-- README example: `ita sql "SELECT province, count(*), avg(score) FROM v_assessments WHERE fiscal_year = 2566 GROUP BY ALL"`.
SELECT province, count(*), avg(score)
FROM v_assessments
WHERE fiscal_year = CAST($fiscal_year AS INTEGER)
GROUP BY ALL
