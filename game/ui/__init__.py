"""The pygame front end: menu, table, hot-seat hand-over, facilitator panel and debrief, over one Session.

Nothing here changes the game except through ``Session.submit``; what a seat sees comes from ``Session.view``.
"""
