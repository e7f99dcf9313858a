"""Scripted AI seats: they read a seat's view and its legal moves, and answer with a move and a rationale."""

from game.ai.play import play_game
from game.ai.simple import Decision, SimpleAI
from game.ai.turn import Turn

__all__ = ["Decision", "SimpleAI", "Turn", "play_game"]
