"""Proposals and policy advice (floor 7): proposals backed by bottlenecks, followed up per
government level, and compiled into versioned advice documents."""
