-- Rows in each warehouse table the national build fills.
SELECT (SELECT count(*) FROM agencies) AS agencies,
       (SELECT count(*) FROM assessments) AS assessments,
       (SELECT count(*) FROM indicator_scores) AS indicator_scores,
       (SELECT count(*) FROM item_scores) AS item_scores,
       (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM classifications) AS classifications
