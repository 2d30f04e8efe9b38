"""One service per record type; each call is one audited transaction.

The services are listed, with everything else about each kind of record, in ``tracker.kinds``.
"""
