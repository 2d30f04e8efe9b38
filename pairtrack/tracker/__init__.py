"""PairTrack domain layer: services, rules and reports; no Qt."""

__version__ = "0.1.0"
