#!/usr/bin/env python3
"""Checks set 15 against the exclusions its README states: set 11's three
checks (bench/ingest-eval11/check_exclusions.py), run for this set.

Run from the repository root: python3 bench/ingest-eval15/check_exclusions.py
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
checks = os.path.join(os.path.dirname(here), "ingest-eval11", "check_exclusions.py")
os.execv(sys.executable, [sys.executable, checks, here])
