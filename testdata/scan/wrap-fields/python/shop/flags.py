import ldclient
from ldclient import Context


def is_on(key, default=False):
    return ldclient.get().variation(key, Context.builder("svc").build(), default)  # want key=null dynamic


class FlagGate:
    def __init__(self, flag_key, message="off"):
        self.flag_key = flag_key
        self.message = message

    def allowed(self):
        return is_on(self.flag_key)


class Moving:
    """Not a wrapper: flag_key is rebound outside __init__."""

    def __init__(self, flag_key):
        self.flag_key = flag_key

    def retarget(self, other):
        self.flag_key = other

    def allowed(self):
        return is_on(self.flag_key)  # want key=null fallback=false


def requires_flag(key):
    """A decorator factory: the key reaches is_on through closures."""

    def decorate(fn):
        def inner(*args, **kwargs):
            if not is_on(key):
                return None
            return fn(*args, **kwargs)

        return inner

    return decorate


class Switch:
    """The fallback is stored too: the caller's, or the parameter's default."""

    def __init__(self, key, default=True):
        self.key = key
        self.default = default

    def on(self):
        return is_on(self.key, self.default)
