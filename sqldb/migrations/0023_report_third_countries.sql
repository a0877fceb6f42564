-- The annual report's new cases owned by or involving third countries
-- (README, "Statistics and the annual report", Figures): one index probe
-- per third country over the days cases opened, reading the index alone;
-- and the victims and financial damage of the cases with a result in the
-- period, read from an index instead of the cases' rows.
CREATE INDEX case_countries_country_opened ON case_countries (country_code, opened_on, case_id);
CREATE INDEX cases_harm ON cases (id, victims, financial_damage_eur);
