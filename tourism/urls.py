"""Tourism URLs outside the page tree.

`urlpatterns` go inside i18n_patterns (/ja/opendata/, /en/opendata/ ...);
`data_urlpatterns` are language-free (/opendata/tourism-facilities.csv), so the
files have one stable address.
"""

from django.urls import path, re_path

from .opendata import views as opendata

app_name = "tourism"

urlpatterns = [
    path("opendata/", opendata.index, name="opendata"),
]

data_urlpatterns = [
    re_path(
        r"^(?P<dataset>[a-z0-9-]+)\.(?P<fmt>csv|json)$",
        opendata.data_file,
        name="opendata_file",
    ),
]
