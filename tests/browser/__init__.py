"""Browser tests: the real app in Chromium (a package, so test files may share a name with tests/ ones)."""
