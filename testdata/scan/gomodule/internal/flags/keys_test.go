package flags

const Staging = "staging-only"
