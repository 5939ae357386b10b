"""Notifications: the in-app centre and e-mail, in each recipient's own language."""
