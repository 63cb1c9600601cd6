"""Helpers for the UI tests: a logged-in test client per person of the `org` fixture."""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Production redirects plain HTTP to HTTPS (DEBUG off); these tests are about the pages."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def client_for(db):
    def make(staff, **headers) -> Client:
        client = Client(**headers)
        client.force_login(staff)
        return client

    return make


HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx(target: str) -> dict:
    """Headers of an htmx request aimed at the element with id `target`."""
    return {**HTMX, "HTTP_HX_TARGET": target}
