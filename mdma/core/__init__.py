"""Shared pieces every domain stands on: model mixins, time, mail, Markdown, logbook, HTTP safety."""
