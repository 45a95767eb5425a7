"""The sample application's app_globals."""


class Globals:
    def __init__(self, config):
        self.message = "hello from app_globals"
        self.counter = 0
