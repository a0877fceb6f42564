-- A search ignores case and diacritics (README, "Search"): entities.search
-- and cases.search hold their text folded by crosscase.FoldSearchText
-- (lower-cased, without accents, ß as ss, ł as l, …), as every query is,
-- instead of only lower-cased. SQL has no such folding, so the rows are
-- rewritten in Go after this file, in the same transaction
-- (sqldb.foldSearchTexts, migrationSteps); only rows holding a letter
-- beyond ASCII change. On SQLite the trigram indexes (migration 0035)
-- are then rebuilt from the folded text; PostgreSQL's GIN indexes follow
-- the column.
SELECT 1;
