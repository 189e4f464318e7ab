"""q errors: every failure inside the engine surfaces as a `QError` carrying q's error name."""


class QError(Exception):
    """A q signal such as `'type`; `name` is the text after the quote."""

    def __init__(self, name):
        super().__init__(name)
        self.name = str(name)

    def __str__(self):
        return "'" + self.name
