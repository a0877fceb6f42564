-- The summary of the cases' openings and closings that the statistics
-- read (README, "Statistics and the annual report", Figures; written by
-- sqldb/report_flows.go with every case write): per dimension (dim: all,
-- crime, owner_crime, country), key (a crime type; owner country|crime
-- type; country|party) and month (YYYY-MM), how many cases opened and how
-- many closed. Filled here from the cases already stored.
CREATE TABLE stat_flows (
	dim    TEXT NOT NULL,
	k      TEXT NOT NULL,
	month  TEXT NOT NULL,
	opened BIGINT NOT NULL DEFAULT 0,
	closed BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (dim, k, month)
);
INSERT INTO stat_flows (dim, k, month, opened, closed)
SELECT dim, k, month, SUM(o), SUM(c) FROM (
	SELECT 'all' AS dim, '' AS k, SUBSTR(opened_on, 1, 7) AS month, 1 AS o, 0 AS c FROM cases
	UNION ALL SELECT 'all', '', SUBSTR(closed_on, 1, 7), 0, 1 FROM cases WHERE closed_on <> ''
	UNION ALL SELECT 'crime', crime_type, SUBSTR(opened_on, 1, 7), 1, 0 FROM case_crime_types
	UNION ALL SELECT 'crime', crime_type, SUBSTR(closed_on, 1, 7), 0, 1 FROM case_crime_types WHERE closed_on <> ''
	UNION ALL SELECT 'owner_crime', owner_country || '|' || crime_type, SUBSTR(opened_on, 1, 7), 1, 0 FROM case_crime_types
	UNION ALL SELECT 'owner_crime', owner_country || '|' || crime_type, SUBSTR(closed_on, 1, 7), 0, 1 FROM case_crime_types WHERE closed_on <> ''
	UNION ALL SELECT 'country', country_code || '|' || party, SUBSTR(opened_on, 1, 7), 1, 0 FROM case_countries
	UNION ALL SELECT 'country', country_code || '|' || party, SUBSTR(closed_on, 1, 7), 0, 1 FROM case_countries WHERE closed_on <> ''
) f GROUP BY dim, k, month;

-- The last partial month of a period is counted from the tables: by the
-- day of closing too.
CREATE INDEX cases_closed ON cases (closed_on);
CREATE INDEX case_countries_closed ON case_countries (closed_on);
CREATE INDEX case_crime_types_opened ON case_crime_types (opened_on);
CREATE INDEX case_crime_types_closed ON case_crime_types (closed_on);
