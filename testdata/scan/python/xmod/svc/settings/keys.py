SEARCH = "py-search"
LIMIT_DEFAULT = 10
