"""The command line: one table of commands, each a module."""
