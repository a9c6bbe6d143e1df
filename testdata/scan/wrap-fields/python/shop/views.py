from shop.flags import FlagGate, Moving, requires_flag

gate = FlagGate("py-gate")  # want key="py-gate" fallback=false
moving = Moving("py-moving")


@requires_flag("py-decorated")  # want key="py-decorated" fallback=false
def report():
    return gate.allowed()
