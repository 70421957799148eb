-- The 20 agencies whose overall score fell most from the year before $fiscal_year.
SELECT cur.agency_name, cur.province, prev.score AS previous_score, cur.score,
       cur.score - prev.score AS change
FROM v_assessments AS cur
JOIN v_assessments AS prev
  ON prev.agency_id = cur.agency_id AND prev.fiscal_year = cur.fiscal_year - 1
WHERE cur.fiscal_year = CAST($fiscal_year AS INTEGER)
ORDER BY change, cur.agency_name
LIMIT 20
