-- The weak items of a stored classification (IIT/EIT items below the line, OIT items at 0).
SELECT indicator, item_code, tool, sub_indicator, text, score, reason
FROM classification_weak_items
WHERE assessment_id = $assessment_id
ORDER BY indicator, item_code
