"""Material for tests and benchmarks: worst-case files for every reader."""
