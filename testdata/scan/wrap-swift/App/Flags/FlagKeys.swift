enum FlagKeys {
    static let newCheckout = "new-checkout"
    static let pricing = "pricing-v2"
}
