"""Structured logging: one JSON object a line, with time, level, logger, request id and message."""

import contextvars
import json
import logging
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

request_id = contextvars.ContextVar("request_id", default="-")


@receiver(request_finished)
def forget_request_id(**kwargs):
    request_id.set("-")


class RequestIdFilter(logging.Filter):
    """Adds the id of the request being handled (or "-") to every record."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
