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
-- A desk's meetings of a period counted from an index that carries their
-- case, so that probing the desk's cases reads no table row.
DROP INDEX meetings_starts;
CREATE INDEX meetings_starts ON meetings (starts_at, case_id);
ANALYZE meetings;
-- A desk's results: each result once per country of its case (owner and
-- asked), with what the report sums and its case's victims and damage,
-- so that a desk's results of a period are one range of desk_results_report
-- rather than a probe of every case of the desk. Rewritten for a case with
-- every write of its results, victims, damage or countries
-- (sqldb/result.go, syncDeskResults).
CREATE TABLE desk_results (
	country_code    TEXT NOT NULL,
	case_id         BIGINT NOT NULL,
	result_id       BIGINT NOT NULL,
	on_date         TEXT NOT NULL,
	kind            TEXT NOT NULL,
	seizure_type    TEXT NOT NULL,
	measure         TEXT NOT NULL,
	substance       TEXT NOT NULL,
	unit            TEXT NOT NULL,
	result_count    BIGINT NOT NULL,
	quantity_milli  BIGINT NOT NULL,
	value_eur       BIGINT NOT NULL,
	case_victims    BIGINT NOT NULL,
	case_damage_eur BIGINT NOT NULL,
	PRIMARY KEY (case_id, country_code, result_id)
);
INSERT INTO desk_results (country_code, case_id, result_id, on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_victims, case_damage_eur)
SELECT sc.country_code, r.case_id, r.id, r.on_date, r.kind, r.seizure_type, r.measure, r.substance, r.unit, r.result_count, r.quantity_milli, r.value_eur, r.case_victims, r.case_damage_eur
	FROM case_results r JOIN case_countries sc ON sc.case_id = r.case_id;
CREATE INDEX desk_results_report ON desk_results (country_code, on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_id, case_victims, case_damage_eur);
ANALYZE desk_results;
-- A desk's summary read from an index that carries its counts: on
-- PostgreSQL a desk's rows lie scattered over the table's pages (about
-- 22,000 pages read for the German desk at a million cases).
CREATE INDEX stat_desk_flows_read ON stat_desk_flows (desk, dim, k, month, opened, closed);
ANALYZE stat_desk_flows;
