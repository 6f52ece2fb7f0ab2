"""Work done in a separate process held to time and memory limits: the worker and its tasks."""
