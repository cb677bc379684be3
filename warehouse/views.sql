-- Public views: the names users' SQL binds to. Add columns or views; never rename.
--
-- connect() first defines _absdw.<table> over exactly the files the manifest commits, cast to
-- the schema's types (typed and empty when a table has no file yet). These views sit on top.
-- Fact views show only filings whose parse passed its cross-foot checks (parse_status 'ok');
-- quarantined filings stay visible in `filings` with their reasons.

CREATE OR REPLACE VIEW filings AS
SELECT * FROM _absdw.filings;

CREATE OR REPLACE VIEW tranches AS
SELECT * FROM _absdw.tranches
WHERE accession IN (SELECT accession FROM _absdw.filings WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW pools AS
SELECT * FROM _absdw.pools
WHERE accession IN (SELECT accession FROM _absdw.filings WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW delinquencies AS
SELECT * FROM _absdw.delinquencies
WHERE accession IN (SELECT accession FROM _absdw.filings WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW report_items AS
SELECT * FROM _absdw.report_items
WHERE accession IN (SELECT accession FROM _absdw.filings WHERE parse_status = 'ok');
