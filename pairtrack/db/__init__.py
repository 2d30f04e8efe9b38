"""PairTrack storage: models, engine, migrations, backup. No Qt, no domain rules."""
