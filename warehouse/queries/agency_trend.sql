-- One agency's results across fiscal years, with the change from the year before.
-- $agency: part of the agency name as printed, e.g. 'ตะคร้ำเอน'.
WITH source AS (
    SELECT agency_name, province, fiscal_year, score, grade, iit_score, eit_score, oit_score
    FROM v_assessments
    WHERE contains(agency_name, $agency)
)
SELECT agency_name, province, fiscal_year, score, grade, iit_score, eit_score, oit_score,
       score - lag(score) OVER (PARTITION BY agency_name, province ORDER BY fiscal_year)
           AS change
FROM source
ORDER BY agency_name, province, fiscal_year
