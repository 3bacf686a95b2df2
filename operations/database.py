"""A deadline on the database while a request is handled.

A database server that refuses connections fails fast; one that hangs (its process stopped,
its host unreachable without a reset) would hold every worker until gunicorn kills it. While a
request is handled, each query, health check, commit and rollback gets DATABASE_DEADLINE
seconds; past that it raises `DatabaseTimeout` (an OperationalError), the connection is dropped,
and handler500 answers 503 with Retry-After (operations.views). New connections are bounded by
the driver's connect_timeout (settings).

The deadline uses SIGALRM, so it applies in the main thread of a process only: gunicorn's sync
workers (the documented set-up). Management commands and threads are not affected.
"""

import contextlib
import signal
import threading
import weakref

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import OperationalError
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from compat.database import bound_transaction_control

_state = threading.local()
_bounded_connections = weakref.WeakSet()


class DatabaseTimeout(OperationalError):
    pass


def _armed():
    return (
        getattr(_state, "in_request", False)
        and not getattr(_state, "active", False)
        and settings.DATABASE_DEADLINE
        and threading.current_thread() is threading.main_thread()
        and hasattr(signal, "setitimer")
    )


@contextlib.contextmanager
def deadline(connection):
    """Raises DatabaseTimeout in the main thread if the block outlasts DATABASE_DEADLINE."""
    if not _armed():
        yield
        return

    def on_alarm(signum, frame):
        raise DatabaseTimeout(f"The database did not answer within {settings.DATABASE_DEADLINE} s.")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, settings.DATABASE_DEADLINE)
    _state.active = True
    try:
        yield
    except DatabaseTimeout:
        _drop(connection)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _state.active = False


def _drop(connection):
    """Forget a connection left in the middle of a conversation with the server."""
    raw, connection.connection = connection.connection, None
    if connection.in_atomic_block:
        connection.needs_rollback = True
        connection.closed_in_transaction = True
    with contextlib.suppress(Exception):
        raw.close()


@receiver(connection_created)
def bound_new_connection(sender, connection, **kwargs):
    """Each query of the connection through Django's execute wrappers (what
    `connection.execute_wrapper()` installs, kept for the connection's life); its commits,
    rollbacks and pings through compat/database.py, which Django offers no hook for."""
    if connection in _bounded_connections:  # a reconnection of the same wrapper
        return
    _bounded_connections.add(connection)

    def run_query(execute, sql, params, many, context):
        with deadline(connection):
            return execute(sql, params, many, context)

    connection.execute_wrappers.append(run_query)
    bound_transaction_control(connection, deadline)


@receiver(request_started)
def request_begins(**kwargs):
    _state.in_request = True


@receiver(request_finished)
def request_ends(**kwargs):
    _state.in_request = False
