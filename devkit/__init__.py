"""What the tests and the benchmarks share: data builders, the crash-safety harness and
test certificates. Neither tests nor bench import each other; both import this."""
