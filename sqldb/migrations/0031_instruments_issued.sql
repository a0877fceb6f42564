-- The statistics count the instruments issued in a period by type
-- (README, "Statistics and the annual report"): a range of this index,
-- not a scan of every instrument.
CREATE INDEX instruments_issued ON instruments (issued_on, type, case_id);
