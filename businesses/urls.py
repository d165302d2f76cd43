from django.urls import path

from . import views

app_name = "businesses"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_thanks, name="apply_thanks"),
]
