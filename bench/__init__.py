"""Benchmarks at national scale: `make bench` (see bench/README.md)."""
