"""Public pages under /public/: readable by anyone, without login."""

from django.urls import path

from jiesu.portals import views

app_name = "portals"

urlpatterns = [
    path("warnings/", views.warning_list, name="warning_list"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning_detail"),
]
