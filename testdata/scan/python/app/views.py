import ldclient
from ldclient import Context
from openfeature import api

from .flags import Flags

client = ldclient.get()
of = api.get_client()


def view(user):
    ctx = Context.builder(user.id).build()
    a = client.variation("new-checkout", ctx, False)  # want key="new-checkout" fallback=false type=bool
    b = client.variation(key=Flags.PRICING, context=ctx, default={"tier": "free", "n": None})  # want key="pricing" fallback={"tier":"free","n":null} type=json
    c = client.variation(  # want key="multi" fallback="it's" type=string
        'multi',
        ctx,
        default='it\'s',
    )
    d = of.get_boolean_value(flag_key="of-flag", default_value=True)  # want key="of-flag" fallback=true type=bool
    e = of.get_integer_value("limit", -3)  # want key="limit" fallback=-3 type=number
    f = client.variation(f"flag-{user.id}", ctx, DEFAULT)  # want key=null dynamic
    # client.variation("commented", ctx, True)
    s = "client.variation('in-string', ctx, True)"
    g = client.variation_detail("detail", ctx, default=0.5)  # want key="detail" fallback=0.5 type=number
    stage, tracker = client.migration_variation("db-move", ctx, Stage.OFF)  # want key="db-move" dynamic type=string
    return a, b, c, d, e, f, s, g


async def async_view(aclient, ctx):
    return await aclient.variation("async-flag", ctx, default=True)  # want key="async-flag" fallback=true type=bool
