"""PairTrack's Qt window. The only package that imports Qt; it talks to tracker/ services."""
