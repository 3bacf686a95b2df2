"""Factories for the tests: one module per app. A test fails when a page type has no factory."""

import wagtail_factories

from .contact import *  # noqa: F403
from .core import *  # noqa: F403
from .news import *  # noqa: F403
from .opportunities import *  # noqa: F403
from .pages import *  # noqa: F403
from .partners import *  # noqa: F403
from .people import *  # noqa: F403
from .trees import *  # noqa: F403


def _all_subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _all_subclasses(subclass)


# Every page factory defined in this package, keyed by its model.
PAGE_FACTORIES = {
    factory._meta.model: factory
    for factory in _all_subclasses(wagtail_factories.PageFactory)
    if factory.__module__.startswith(__name__) and factory._meta.model is not None
}
