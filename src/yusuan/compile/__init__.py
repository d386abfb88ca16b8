"""Compile a disclosure from budget data: the input (`budget`), the tables and narrative derived
from it, and the files it is published as. The input is the one source of truth; every table
and sentence is computed from its lines, so the result is consistent by construction."""
