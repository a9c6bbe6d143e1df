"""Module-level flag helpers over the LaunchDarkly server SDK."""
import ldclient
from ldclient import Context

ANONYMOUS = Context.builder("anonymous").anonymous(True).build()


def is_on(flag, default=False):
    return ldclient.get().variation(flag, ANONYMOUS, default)  # want key=null dynamic


def limit(flag: str, default: int = 10) -> int:
    key = flag
    return ldclient.get().variation(key, ANONYMOUS, default)  # want key=null dynamic


def checkout_enabled():
    return is_on("new-checkout", default=True)  # want key="new-checkout" fallback=true
