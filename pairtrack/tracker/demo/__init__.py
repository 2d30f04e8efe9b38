"""Demo data: the published 廊坊 and 济南 figures, and generated rows for benchmarks."""
