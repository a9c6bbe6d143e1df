from app import flags
from app.flags import is_on, limit
from app.keys import DARK_MODE, NEW_CHECKOUT
from app.settings import settings


def index(request, name):
    if flags.is_on("new-checkout"):  # want key="new-checkout" fallback=false type=bool
        pass
    if is_on(NEW_CHECKOUT, default=True):  # want key="new-checkout" fallback=true
        pass
    if is_on(DARK_MODE, True):  # want key="dark-mode" fallback=true
        pass
    n = limit("max-items")  # want key="max-items" fallback=10
    # The key is not a constant: it stays null.
    if is_on(request.GET["flag"]):  # want key=null fallback=false
        pass
    # Another object's is_on: a settings lookup, not the wrapper.
    if settings.is_on("new-checkout"):
        pass
    return n
