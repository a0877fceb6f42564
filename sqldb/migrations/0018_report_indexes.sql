-- Covering indexes for the statistics' counts by country and party, and
-- by owner country and crime type, over the days cases were open
-- (README, "Statistics and the annual report", Figures): each count
-- reads one index in its grouping order, never the table.
CREATE INDEX case_countries_report ON case_countries (country_code, party, opened_on, closed_on);
CREATE INDEX case_crime_types_report ON case_crime_types (owner_country, crime_type, opened_on, closed_on);
