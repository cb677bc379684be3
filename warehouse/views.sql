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

-- Every trust the warehouse knows: its latest name, the file numbers it filed under, the
-- depositor and asset class its headers print (the latest), the months its reports cover and
-- how many of its filings were read or quarantined.
CREATE OR REPLACE VIEW trusts AS
SELECT cik,
       arg_max(company, filed_date) AS name,
       list(DISTINCT file_number ORDER BY file_number)
           FILTER (WHERE file_number IS NOT NULL) AS file_numbers,
       arg_max(depositor_cik, filed_date) FILTER (WHERE depositor_cik IS NOT NULL)
           AS depositor_cik,
       arg_max(asset_class, filed_date) FILTER (WHERE asset_class IS NOT NULL) AS asset_class,
       arg_max(sic, filed_date) FILTER (WHERE sic IS NOT NULL) AS sic,
       min(distribution_date) FILTER (WHERE parse_status = 'ok') AS first_distribution_date,
       max(distribution_date) FILTER (WHERE parse_status = 'ok') AS last_distribution_date,
       count(*) FILTER (WHERE parse_status = 'ok') AS filings_loaded,
       count(*) FILTER (WHERE parse_status = 'quarantined') AS filings_quarantined,
       max(filed_date) AS last_filed_date
FROM _absdw.filings_known
GROUP BY cik;
