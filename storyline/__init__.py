"""storyline: tell which news articles report the same event, and how their coverage differs."""

__version__ = "0.1.0"
