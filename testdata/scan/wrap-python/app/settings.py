class Settings:
    def __init__(self):
        self.values = {}

    def is_on(self, name, default=False):
        return self.values.get(name, default)


settings = Settings()
