"""Login throttling with django-axes: five failed sign-ins from one address lock it for 15 minutes."""

from axes.backends import AxesStandaloneBackend

from operations.network import client_ip_address  # noqa: F401 (AXES_CLIENT_IP_CALLABLE names it here)


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for every sign-in made through a web form.

    A sign-in without an HTTP request (the test client's `login()`, a management
    command) has no network address to throttle; Axes would raise an error for it, so
    it is passed on unchecked to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
