"""Codes stored in enumerated columns. Chinese labels live in ``tracker.labels``."""

from __future__ import annotations

REGION_LEVELS = ("province", "city", "county", "district", "zone")
PROGRAMMES = ("east_west", "in_province", "in_city", "other")
AGREEMENT_CATEGORIES = (
    "framework",
    "employment_training",
    "industry",
    "land",
    "ecommerce",
    "education",
    "medical",
    "other",
)
# Order matters: an agreement only moves forward along this list (or to terminated).
AGREEMENT_STATUSES = ("intent", "signed", "in_progress", "completed", "terminated")
FUND_KINDS = ("fiscal", "social", "in_kind")
GENDERS = ("male", "female")
DIRECTIONS = ("to_assisted", "to_helper")
CADRE_CATEGORIES = ("party_gov", "teacher", "doctor", "agri_tech", "other_pro")
TRAINING_CATEGORIES = ("cadre", "professional", "vocational", "commissioned_education")


def in_list(column: str, codes: tuple[str, ...]) -> str:
    """SQL text for a CHECK that ``column`` holds one of ``codes``."""
    quoted = ", ".join(f"'{code}'" for code in codes)
    return f"{column} IN ({quoted})"
