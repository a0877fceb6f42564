-- The statistics (README, "Statistics and the annual report") count cases
-- by country and by crime type over the days they were open. Each row of
-- case_countries and case_crime_types carries its case's opening and
-- closing dates (and the crime types their case's owner country), written
-- with the case, so that those counts read one table in order instead of
-- joining every row to its case.
ALTER TABLE case_countries ADD COLUMN opened_on TEXT NOT NULL DEFAULT '';
ALTER TABLE case_countries ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE case_crime_types ADD COLUMN opened_on TEXT NOT NULL DEFAULT '';
ALTER TABLE case_crime_types ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE case_crime_types ADD COLUMN owner_country TEXT NOT NULL DEFAULT '';
UPDATE case_countries SET opened_on = (SELECT c.opened_on FROM cases c WHERE c.id = case_countries.case_id),
	closed_on = (SELECT c.closed_on FROM cases c WHERE c.id = case_countries.case_id);
UPDATE case_crime_types SET opened_on = (SELECT c.opened_on FROM cases c WHERE c.id = case_crime_types.case_id),
	closed_on = (SELECT c.closed_on FROM cases c WHERE c.id = case_crime_types.case_id),
	owner_country = (SELECT c.owner_country FROM cases c WHERE c.id = case_crime_types.case_id);
CREATE INDEX case_countries_opened ON case_countries (opened_on, country_code);
