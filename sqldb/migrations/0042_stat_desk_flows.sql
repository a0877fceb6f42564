-- A desk's own statistics read from a summary too (README, "Statistics
-- and the annual report", Figures; written by sqldb/report_flows.go with
-- every case write): stat_flows' dimensions all, crime, owner_crime and
-- country, kept for each desk (its country) over the cases it owns or is
-- asked in. Filled here from the cases already stored, through each
-- case's row of the desk's country in case_countries, which carries the
-- case's dates.
CREATE TABLE stat_desk_flows (
	desk   TEXT NOT NULL,
	dim    TEXT NOT NULL,
	k      TEXT NOT NULL,
	month  TEXT NOT NULL,
	opened BIGINT NOT NULL DEFAULT 0,
	closed BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (desk, dim, k, month)
);
INSERT INTO stat_desk_flows (desk, dim, k, month, opened, closed)
SELECT desk, dim, k, month, SUM(o), SUM(c) FROM (
	SELECT sc.country_code AS desk, 'all' AS dim, '' AS k, SUBSTR(sc.opened_on, 1, 7) AS month, 1 AS o, 0 AS c FROM case_countries sc
	UNION ALL SELECT sc.country_code, 'all', '', SUBSTR(sc.closed_on, 1, 7), 0, 1 FROM case_countries sc WHERE sc.closed_on <> ''
	UNION ALL SELECT sc.country_code, 'crime', t.crime_type, SUBSTR(sc.opened_on, 1, 7), 1, 0 FROM case_countries sc JOIN case_crime_types t ON t.case_id = sc.case_id
	UNION ALL SELECT sc.country_code, 'crime', t.crime_type, SUBSTR(sc.closed_on, 1, 7), 0, 1 FROM case_countries sc JOIN case_crime_types t ON t.case_id = sc.case_id WHERE sc.closed_on <> ''
	UNION ALL SELECT sc.country_code, 'owner_crime', t.owner_country || '|' || t.crime_type, SUBSTR(sc.opened_on, 1, 7), 1, 0 FROM case_countries sc JOIN case_crime_types t ON t.case_id = sc.case_id
	UNION ALL SELECT sc.country_code, 'owner_crime', t.owner_country || '|' || t.crime_type, SUBSTR(sc.closed_on, 1, 7), 0, 1 FROM case_countries sc JOIN case_crime_types t ON t.case_id = sc.case_id WHERE sc.closed_on <> ''
	UNION ALL SELECT sc.country_code, 'country', p.country_code || '|' || p.party, SUBSTR(sc.opened_on, 1, 7), 1, 0 FROM case_countries sc JOIN case_countries p ON p.case_id = sc.case_id
	UNION ALL SELECT sc.country_code, 'country', p.country_code || '|' || p.party, SUBSTR(sc.closed_on, 1, 7), 0, 1 FROM case_countries sc JOIN case_countries p ON p.case_id = sc.case_id WHERE sc.closed_on <> ''
) f WHERE month <> '' GROUP BY desk, dim, k, month;
