"""PairTrack (对口帮扶项目台账): the one installed package.

Its layers are ``main`` (the entry point) → ``ui`` (Qt only) → ``tracker`` (the domain, no Qt)
→ ``db`` (models, engine, migrations, backup), with ``resources`` (fonts, icons, region table,
translations) beside them. ``python -m pairtrack`` is the same program as ``pairtrack``.
"""
