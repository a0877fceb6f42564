-- A desk's instruments read from its summary too (README, "Statistics and
-- the annual report", Figures): stat_desk_flows gains stat_flows'
-- dimension "instrument" (per month of issue, key "type|outcome", the
-- instruments issued as "opened"), an instrument counting in the rows of
-- each of its case's countries. Filled here under the issue date the
-- agency's summary counts it (counted_on); sqldb/report_flows.go moves
-- the count when the instrument's issue date or outcome changes and when
-- its case's countries do.
INSERT INTO stat_desk_flows (desk, dim, k, month, opened, closed)
SELECT sc.country_code, 'instrument', i.type || '|' || i.limit_outcome, SUBSTR(i.counted_on, 1, 7), COUNT(*), 0
	FROM instruments i JOIN case_countries sc ON sc.case_id = i.case_id
	WHERE i.counted_on <> ''
	GROUP BY sc.country_code, i.type, i.limit_outcome, SUBSTR(i.counted_on, 1, 7);
-- A desk's meetings and results are read through its cases: the
-- meetings of a period from an index that carries their case (no table
-- row read to probe the desk's), the results of each of its cases from
-- one that carries what the report sums.
DROP INDEX meetings_starts;
CREATE INDEX meetings_starts ON meetings (starts_at, case_id);
DROP INDEX case_results_case;
CREATE INDEX case_results_case ON case_results (case_id, on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_victims, case_damage_eur);
ANALYZE meetings;
ANALYZE case_results;
