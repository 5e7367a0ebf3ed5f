"""Benchmarks: ``bench/run.py`` (server time, queries, throughput, the support surge; see
bench/README.md) and ``bench/similarity.py`` (similar-proposal recall and latency)."""
