"""The directory: sectors, organisations and the fixed life domains of the families."""
