-- README example: which agencies have $name (e.g. ประสิทธิภาพการสื่อสาร) as their most urgent indicator.
SELECT agency_name, fiscal_year
FROM v_classifications
WHERE most_urgent_name = $name
