-- One agency's results by fiscal year, newest first, with the change from its previous result.
WITH results AS (
    SELECT assessment_id, fiscal_year, score, grade, iit_score, eit_score, oit_score,
           score - lag(score) OVER (ORDER BY fiscal_year) AS change
    FROM assessments
    WHERE agency_id = $agency_id
)
SELECT *
FROM results
ORDER BY fiscal_year DESC
