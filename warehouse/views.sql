-- Public views: the names users' SQL binds to. Add columns or views; never rename.
--
-- connect() first defines _absdw.<table> over exactly the files of each table's pinned Delta
-- version, cast to the stored types (typed and empty when a table has no file yet), then
-- _absdw.<table>_known (versions filed by the as-of date; all without one) and
-- _absdw.<table>_current (the current version of each trust-month). These views sit on top.
--
-- The default fact views show the latest filed version of each (cik, distribution_date)
-- among filings whose parse passed its cross-foot checks; quarantined filings stay visible
-- in `filings` with their reasons, and superseded versions stay in the *_history views.

CREATE OR REPLACE VIEW filings AS
SELECT * FROM _absdw.filings_known;

CREATE OR REPLACE VIEW tranches AS
SELECT * EXCLUDE (filed_date, is_current) FROM _absdw.tranches_current;

CREATE OR REPLACE VIEW pools AS
SELECT * EXCLUDE (filed_date, is_current) FROM _absdw.pools_current;

CREATE OR REPLACE VIEW delinquencies AS
SELECT * EXCLUDE (filed_date, is_current) FROM _absdw.delinquencies_current;

CREATE OR REPLACE VIEW report_items AS
SELECT * EXCLUDE (filed_date, is_current) FROM _absdw.report_items_current;

-- Every version of every month, with the filing it came from and whether it is current.
CREATE OR REPLACE VIEW tranches_history AS
SELECT * FROM _absdw.tranches_known
WHERE accession IN (SELECT accession FROM _absdw.filings_known WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW pools_history AS
SELECT * FROM _absdw.pools_known
WHERE accession IN (SELECT accession FROM _absdw.filings_known WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW delinquencies_history AS
SELECT * FROM _absdw.delinquencies_known
WHERE accession IN (SELECT accession FROM _absdw.filings_known WHERE parse_status = 'ok');

CREATE OR REPLACE VIEW report_items_history AS
SELECT * FROM _absdw.report_items_known
WHERE accession IN (SELECT accession FROM _absdw.filings_known WHERE parse_status = 'ok');
