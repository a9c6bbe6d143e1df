package jobs

const key = "package-level-key"
