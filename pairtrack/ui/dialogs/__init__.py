"""The window's dialogs: record form, brief, export/import, office settings."""
