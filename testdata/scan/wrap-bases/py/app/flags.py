import ldclient
from ldclient import Context


class FeatureFlags:
    def __init__(self):
        self.client = ldclient.get()

    def get(self, name, user, default):
        return self.client.variation(name, Context.create(user), default)  # want key=null dynamic
