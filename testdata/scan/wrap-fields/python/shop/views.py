from shop.flags import FlagGate, Moving, Switch, requires_flag

gate = FlagGate("py-gate")  # want key="py-gate" fallback=false
moving = Moving("py-moving")


@requires_flag("py-decorated")  # want key="py-decorated" fallback=false
def report():
    return gate.allowed()

dark = Switch("py-dark")  # want key="py-dark" fallback=true
light = Switch("py-light", default=False)  # want key="py-light" fallback=false
