"""yusuan (预算): read, audit and compile Chinese public-sector budget disclosures."""

__version__ = "0.1.0"
