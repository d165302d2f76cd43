"""Wagtail discovers ``<app>.wagtail_hooks`` for each installed app; the
machikado app's parts register their hooks from their own modules."""

from . import owners as _owners  # noqa: F401  (owners' dashboard on the admin home)
from . import visitors as _visitors  # noqa: F401  (page-view counters: on_serve_page)
from .console import wagtail_hooks as _console  # noqa: F401  (City console)
from .two_factor import wagtail_hooks as _two_factor  # noqa: F401  (two-factor sign-in)
