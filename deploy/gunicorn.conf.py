"""gunicorn settings of an app server: `gunicorn -c deploy/gunicorn.conf.py iom_mongolia.wsgi`.

A worker stuck for longer than `timeout` is killed and replaced, so a hung request cannot hold a
worker for ever; the database's own timeouts (DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT) end it sooner.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # seconds a request may take
graceful_timeout = 30  # seconds to finish requests on restart
keepalive = 5
# Request lines as long as nginx reads (large_client_header_buffers 8k in deploy/nginx/): the app
# answers them (a query string over 8,192 characters gets its 414 page) instead of gunicorn's bare
# "400 Request Line is too large". 8190 is gunicorn's largest limit but 0 (none), and nginx
# already bounds the line.
limit_request_line = 8190
max_requests = 2000  # workers are replaced now and then (memory)
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # e.g. "-" for the journal
errorlog = "-"
