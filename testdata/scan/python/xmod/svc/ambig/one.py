DUP = "py-one"
