"""Scripted AI seats: they read a seat's view and its legal moves, and answer with a move and a rationale."""

from game.ai.personas import AI, PersonaError, build, library
from game.ai.play import play_game, seat_ais
from game.ai.simple import Decision, SimpleAI
from game.ai.turn import Turn

__all__ = ["AI", "Decision", "PersonaError", "SimpleAI", "Turn", "build", "library", "play_game", "seat_ais"]
