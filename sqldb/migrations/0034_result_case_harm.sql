-- The statistics sum the victims and financial damage of the cases with
-- a result in a period (README, "Statistics and the annual report"):
-- each result carries its case's, copied when the result is written and
-- when the case's change (sqldb.copyCaseHarm), so that the sum is read
-- from the same covering index of the period's results as their totals
-- (migration 0019, now with these two columns) instead of a join of the
-- period's results with every case. ANALYZE, so that the planner knows
-- the index again at once.
ALTER TABLE case_results ADD COLUMN case_victims BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_results ADD COLUMN case_damage_eur BIGINT NOT NULL DEFAULT 0;
UPDATE case_results SET
	case_victims = (SELECT c.victims FROM cases c WHERE c.id = case_results.case_id),
	case_damage_eur = (SELECT c.financial_damage_eur FROM cases c WHERE c.id = case_results.case_id);
DROP INDEX case_results_report;
CREATE INDEX case_results_report ON case_results (on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_id, case_victims, case_damage_eur);
ANALYZE case_results;
