"""The small error hierarchy of storyline.

Every message says what was wrong and what to do next. The CLI maps these classes to exit
codes in one place (`storyline.cli`), so no traceback reaches a user for an expected failure.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: an expected failure with a message meant for the user."""

    exit_code = 1


class InputRejected(StorylineError):
    """One input (file, URL, record, feed entry) cannot be read; it is skipped and counted.

    `origin` names the input (path, URL, `path:line`), `reason` says what is wrong with it.
    """

    exit_code = 3

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class FetchRejected(InputRejected):
    """A URL was refused or could not be fetched (address, size, type, redirects, network)."""


class UsageError(StorylineError):
    """A parameter has a bad value; the message names the parameter, the allowed range and the value."""

    exit_code = 2


class NotFound(StorylineError):
    """An id or name that the store does not hold."""

    exit_code = 4


class StoreError(StorylineError):
    """The store cannot be opened or written (path, permissions, a newer schema)."""

    exit_code = 5
