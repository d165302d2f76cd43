"""Pure query functions, one module per console section.

Every function aggregates in the database (annotate/aggregate, TruncMonth)
and returns plain data (dicts, lists, numbers, dates). Its docstring gives the
SQL that reproduces its figures, with ``:since``/``:until`` the period's bounds
(Asia/Tokyo midnight, end exclusive) and ``:area`` the area's translation key.
"""
