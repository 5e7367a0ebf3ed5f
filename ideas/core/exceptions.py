class ActionRefused(Exception):
    """A business rule refused an action. The message is translated and safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
