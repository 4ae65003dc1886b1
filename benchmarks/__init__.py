"""Benchmarks: speed and memory goals as ratios against a baseline measured in the same run."""
