"""Parley: a tabletop negotiation game engine for confidence-building exercises."""

__version__ = "0.1.0"
