"""The format and its rules: the models of format v1, limits, characters, problems, words, graph queries,
rules, the one loader and writer, files, schema, old files' migrations, ids, samples and libraries."""
