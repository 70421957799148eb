SELECT assessment_id FROM assessments WHERE agency_id = $agency_id AND fiscal_year = $fiscal_year
