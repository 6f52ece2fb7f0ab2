"""Where things are, for tests in any folder: the repository, its samples, its fixtures."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository's top folder."""
