"""The screens of the front end, one module each."""
