"""Benchmarks (`make bench`) and the synthetic corpus they run on."""
