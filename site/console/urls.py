from django.urls import path

from . import views

app_name = "city_console"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/export.xlsx", views.ExportView.as_view(), name="workbook"),
    path(
        "<slug:section>/export/<slug:table>.<str:format>",
        views.ExportView.as_view(),
        name="export",
    ),
]
