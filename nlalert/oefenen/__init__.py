"""Exercising (oefenen): scenarios as files, with injects on an exercise clock and the ground
truth an exercise's report measures against.

`scenario` reads and checks a file (shape in `schema`, the area in `gebied`, lines in `regels`)
into the frozen values of `model`; the shipped scenarios live in `scenarios/`.
"""
