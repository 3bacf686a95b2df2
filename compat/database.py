"""A deadline on what a database connection sends the server outside its cursors.

Upstream gap (Django 5.2): `connection.execute_wrapper()` (operations/database.py uses it) wraps
the queries only. Django's public `commit()`, `rollback()` and `set_autocommit()` talk to the
server through the private `_commit()`, `_rollback()` and `_set_autocommit()`, and `is_usable()`
pings it; none has a hook. A hung server would hold a worker in one of them past the deadline.
`bound_transaction_control()` wraps those four methods of one connection object.
Guard: tests/test_compat.py::test_django_still_commits_and_rolls_back_through_the_wrapped_methods.
"""

WRAPPED = ("is_usable", "_commit", "_rollback", "_set_autocommit")


def bound_transaction_control(connection, deadline):
    """Run the connection's commit, rollback, autocommit switch and liveness ping inside
    `deadline(connection)` (a context manager)."""
    for name in WRAPPED:
        setattr(connection, name, _bounded(connection, getattr(connection, name), deadline))


def _bounded(connection, method, deadline):
    def call(*args, **kwargs):
        with deadline(connection):
            return method(*args, **kwargs)

    return call
