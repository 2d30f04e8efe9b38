"""One page per record type, plus the dashboard and the target grid."""
