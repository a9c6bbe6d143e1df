DUP = "py-two"
