-- A covering index for the statistics' sums of results over a period
-- (README, "Statistics and the annual report", Figures): the sums by kind,
-- type, measure, substance and unit, and the cases they belong to, read
-- the index alone.
CREATE INDEX case_results_report ON case_results (on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_id);
