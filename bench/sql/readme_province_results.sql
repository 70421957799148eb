-- README example: every result of one province, weakest first (`ita sql "SELECT … WHERE province = 'กาญจนบุรี' …"`).
SELECT agency_name, fiscal_year, score, grade
FROM v_assessments
WHERE province = $province
ORDER BY score
