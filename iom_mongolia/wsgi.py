"""WSGI entry point, used by gunicorn: `gunicorn iom_mongolia.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom_mongolia.settings.production")

application = get_wsgi_application()
