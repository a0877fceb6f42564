-- Where each instrument stands against its legal time limits — missed,
-- running or met (crosscase.LimitOutcomeOf; README, "Statistics and the
-- annual report") — written with its deadlines whenever its clocks or
-- breaches are. The agency's report counts the instruments of a period by
-- type and outcome from stat_flows (dimension "instrument": per month of
-- issue, key "type|outcome", the instruments issued as "opened"); a
-- desk's from one range of the index by issue date. counted_on is the
-- issue date under which stat_flows counts the instrument ('' for none),
-- so that a new issue date or outcome moves its count.
ALTER TABLE instruments ADD COLUMN limit_outcome TEXT NOT NULL DEFAULT 'met';
ALTER TABLE instruments ADD COLUMN counted_on TEXT NOT NULL DEFAULT '';
UPDATE instruments SET limit_outcome = 'running'
	WHERE id IN (SELECT instrument_id FROM instrument_deadlines);
UPDATE instruments SET limit_outcome = 'missed'
	WHERE id IN (SELECT instrument_id FROM instrument_breaches WHERE voided_at = 0);
UPDATE instruments SET counted_on = issued_on;
INSERT INTO stat_flows (dim, k, month, opened, closed)
	SELECT 'instrument', type || '|' || limit_outcome, substr(issued_on, 1, 7), COUNT(*), 0
	FROM instruments WHERE issued_on <> '' GROUP BY type, limit_outcome, substr(issued_on, 1, 7);
DROP INDEX instruments_issued;
CREATE INDEX instruments_issued ON instruments (issued_on, type, limit_outcome, case_id);
