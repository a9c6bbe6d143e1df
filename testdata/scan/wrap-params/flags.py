import ldclient

client = ldclient.get()


def evaluate(params):
    # A dictionary of parameters: the key is its "flag" entry.
    return client.variation(params["flag"], params["context"], False)  # want key=null fallback=false


def run(context):
    a = evaluate({"flag": "py-dict-flag", "context": context})  # want key="py-dict-flag" fallback=false
    # Not a dictionary literal: nothing to read the key from.
    b = evaluate(context)
    return a, b
