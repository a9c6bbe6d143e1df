import ldclient
from ldclient import Context

client = ldclient.get()
ctx = Context.create("batch")

# Parameters and locals of the enclosing function come first: `name` below is
# never the sibling AppConfig's `name = "flags"`.
CHECKS = [lambda name: client.variation(name, ctx, False)]  # want key=null keyExpr=name fallback=false


def sync(user):
    name = user.preferred_flag()
    return client.variation(name, user, False)  # want key=null keyExpr=name fallback=false


def banner(user):
    name = "promo-banner"
    shown = True
    return client.variation(name, user, shown)  # want key="promo-banner" fallback=true


# A class attribute is never a bare name: `label` is not FlagsConfig.label.
def label_flag(user):
    return client.variation(label, user, False)  # want key=null keyExpr=label fallback=false


def app_label(user):
    from flags.apps import FlagsConfig

    return client.variation(FlagsConfig.label, user, False)  # want key="feature_flags" fallback=false


def each(user, flags):
    for name in flags:
        client.variation(name, user, False)  # want key=null keyExpr=name fallback=false
    with open("f") as label:
        client.variation(label, user, False)  # want key=null keyExpr=label fallback=false
    return [client.variation(name, user, True) for name in flags]  # want key=null keyExpr=name fallback=true
