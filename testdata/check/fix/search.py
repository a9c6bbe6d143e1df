import ldclient
from ldclient import Context

client = ldclient.get()


def search(ctx: Context):
    if client.variation("checkout-api", ctx, True):
        return client.variation('banner-text', ctx, 'Hello')
    theme = client.variation("theme", ctx, {"dark": True})
    return theme
