class Flags:
    PRICING = "pricing"
