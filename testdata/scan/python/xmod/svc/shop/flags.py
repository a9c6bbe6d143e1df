NEW_CHECKOUT = "py-new-checkout"
CHECKOUT_DEFAULT = False


class Keys:
    PRICING = "py-pricing"
