"""Networked play: a server that hosts sessions over WebSocket, and a client that speaks to it (docs/PROTOCOL.md)."""
