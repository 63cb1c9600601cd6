"""Mounted at /api/v1/ by jiesu/urls.py; the namespace "api-v1" comes from the NinjaAPI."""

from django.urls import path

from jiesu.api.v1.api import api

urlpatterns = [path("", api.urls)]
