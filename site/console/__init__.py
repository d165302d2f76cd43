"""The City console at /admin/city/: KPI reports for city staff.

- ``reports/``: one module per section, pure query functions returning plain
  data (every figure aggregated in the database; the equivalent SQL is in each
  docstring);
- ``sections.py``: the reports as titled tables (shared by the pages and the exports);
- ``charts.py``: accessible inline SVG charts drawn on the server;
- ``exports.py``: CSV (UTF-8 with BOM) and Excel files of every table;
- ``filters.py``: the date range / area form;
- ``views.py`` + ``wagtail_hooks.py``: the admin pages, staff only.
"""
