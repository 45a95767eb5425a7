from formencode import validators
class Tags(validators.FancyValidator):
    """Tags."""
    def _to_python(self, value, state):
        if not isinstance(value, (list, tuple)):
            value = [value]
        return value

class Ids(formencode.FancyValidator):
    def _to_python(self, value, state):
        if isinstance(value, list):
            return value
        return [value]
