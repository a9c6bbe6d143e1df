NEW_CHECKOUT = "new-checkout"
DARK_MODE = "dark-mode"
