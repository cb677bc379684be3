"""``absdw report``: one self-contained HTML surveillance page per trust, from the views.

* :mod:`~absdw.report.data`  what the page shows, read from the warehouse views
* :mod:`~absdw.report.svg`   time-series charts as inline SVG
* :mod:`~absdw.report.page`  the HTML document
"""

from absdw.report.data import TrustReport, report_data
from absdw.report.page import CHART_IDS, render_page, write_report

__all__ = ["CHART_IDS", "TrustReport", "render_page", "report_data", "write_report"]
