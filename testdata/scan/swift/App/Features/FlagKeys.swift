enum FlagKeys {
    static let pricing = "pricing-v2"
    static let limits = "rate-limits"
}
