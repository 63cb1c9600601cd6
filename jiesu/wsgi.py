"""WSGI entry point for gunicorn (`jiesu serve` and production deployments)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
application = get_wsgi_application()
