"""Scripted AI seats: they read a seat's view and its legal moves, and answer with a move and a rationale."""

from game.ai.simple import Decision, SimpleAI
from game.ai.play import play_game

__all__ = ["Decision", "SimpleAI", "play_game"]
