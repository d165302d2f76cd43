"""Search URLs. `urlpatterns` go inside i18n_patterns (/ja/search/,
/en/search/ …); `api_urlpatterns` are language-free (/api/search/,
/search/click/), the API taking its language from `lang`."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
]

api_urlpatterns = [
    path("api/search/", views.api_search, name="search_api"),
    path("api/search/suggest/", views.api_suggest, name="search_suggest"),
    path("search/click/", views.click, name="search_click"),
]
