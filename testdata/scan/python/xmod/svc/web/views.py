import ldclient

import shop.flags
import settings.keys as k
from shop.flags import NEW_CHECKOUT, CHECKOUT_DEFAULT as DEFAULT_OFF
from shop import flags as shop_flags
from ..settings import SEARCH as SEARCH_KEY
from ..settings import keys
from ..ambig import DUP
from ..cyc.b import A_KEY, NOPE
from requests import CONSTANT

client = ldclient.get()


def view(ctx):
    a = client.variation(NEW_CHECKOUT, ctx, DEFAULT_OFF)  # want key="py-new-checkout" fallback=false fallbackFile=xmod/svc/shop/flags.py
    b = client.variation(shop.flags.Keys.PRICING, ctx, "free")  # want key="py-pricing" fallback="free"
    c = client.variation(shop_flags.NEW_CHECKOUT, ctx, shop_flags.CHECKOUT_DEFAULT)  # want key="py-new-checkout" fallback=false
    d = client.variation(SEARCH_KEY, ctx, k.LIMIT_DEFAULT)  # want key="py-search" fallback=10 fallbackFile=xmod/svc/settings/keys.py
    e = client.variation(keys.SEARCH, ctx, None)  # want key="py-search" fallback=null
    f = client.variation(DUP, ctx, False)  # want key=null keyExpr=DUP
    g = client.variation(A_KEY, ctx, False)  # want key="py-cycle-a"
    h = client.variation(NOPE, ctx, False)  # want key=null keyExpr=NOPE
    i = client.variation(CONSTANT, ctx, False)  # want key=null keyExpr=CONSTANT
    return a, b, c, d, e, f, g, h, i
